package dev.billingidentity.acceptance;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.testing.FakeSpace;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What AWS holds after an apply, comparable across runs: the role's trust and tags, its inline policies, the OIDC
 * providers' URLs and the associations (by namespace, service account, role and tags; ids differ between runs).
 */
record AwsState(
    Optional<PolicyDocument> trust, Map<String, String> roleTags, Map<String, PolicyDocument> policies,
    Set<String> providers, Set<String> associations) {

  static AwsState of(FakeSpace space, String roleName) {
    var role = space.aws().role(roleName);
    Map<String, PolicyDocument> policies = new TreeMap<>();
    space.aws().rolePolicies(roleName).forEach((k, v) -> policies.put(k, PolicyDocument.parse(v)));
    return new AwsState(
        role.map(r -> PolicyDocument.parse(r.trustPolicyJson())),
        role.map(r -> Map.copyOf(r.tags())).orElse(Map.of()),
        policies,
        space.aws().oidcProviders().stream().map(p -> p.url()).collect(Collectors.toSet()),
        space.aws().associations(space.clusterName()).stream().map(AwsState::describe).collect(Collectors.toSet()));
  }

  private static String describe(Association a) {
    return a.namespace() + "/" + a.serviceAccount() + " -> " + a.roleArn() + " " + new TreeMap<>(a.tags());
  }
}
