package dev.billingidentity.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.Problems;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code policies}: prints the permission policy and the trust policy the library would write for the inputs, with
 * the trust policy's size against the quota. No I/O, so it asks for what the two documents are made of, and nothing
 * else: the bucket, its region and the account; for IRSA the issuer and the host namespaces (none with
 * {@code --allow-host-namespace-pattern}); for Pod Identity the cluster, whose ARN the trust names. The role's name
 * is in neither document.
 */
@Command(name = "policies", description = "Print the S3 permission policy and the trust policy (no I/O).")
final class PoliciesCommand implements Callable<Integer> {
  @Mixin IdentityOptions identity;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Problems p = new Problems();
    IdentityOptions.Values values = identity.values(p);
    identity.require(p, "is required", "--bucket", "--region");
    identity.require(p, "is required: policies makes no call to STS", "--account-id");
    ControlPlanes controlPlanes = null;
    if (values.mode() == IdentityMode.IRSA) {
      identity.require(p, "is required for IRSA: policies makes no call to EKS", "--oidc-issuer");
      p.require(!identity.discover, "--discover", true, "policies makes no call to the cluster: give --control-plane NS");
      controlPlanes = identity.allowHostNamespacePattern || identity.discover
          ? identity.givenControlPlanes(p) : identity.controlPlanes(p);
    } else {
      if (values.mode() == IdentityMode.POD_IDENTITY) {
        identity.require(p, "is required for Pod Identity: the trust names the cluster's ARN", "--cluster");
      }
      identity.givenControlPlanes(p);
    }
    output.check(p);
    InvalidInput.check(p);
    PolicyDocument permission = BillingPolicies.s3Access(values.storage());
    PolicyDocument trust;
    if (values.mode() == IdentityMode.IRSA) {
      List<String> subjects = controlPlanes == null ? List.of() : controlPlanes.explicitHostNamespaces().stream()
          .map(ns -> BillingPolicies.subject(ns, IdentitySettings.DEFAULT_SERVICE_ACCOUNT)).toList();
      trust = PolicyDocument.of(identity.allowHostNamespacePattern
          ? BillingPolicies.irsaHostNamespacePatternStatement(values.account(), values.oidcIssuer())
          : BillingPolicies.irsaStatement(values.account(), values.oidcIssuer(), subjects));
    } else {
      String clusterArn = "arn:" + values.account().partition().id() + ":eks:" + values.storage().region() + ":"
          + values.account().id() + ":cluster/" + values.cluster();
      trust = PolicyDocument.of(BillingPolicies.podIdentityStatement(values.account(), clusterArn));
    }
    int quota = values.trustPolicyQuota();
    var out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectNode node = ChangeJson.MAPPER.createObjectNode();
      node.set("permissionPolicy", permission.toJsonNode());
      node.set("trustPolicy", trust.toJsonNode());
      node.put("trustPolicySize", trust.size());
      node.put("trustPolicyQuota", quota);
      out.println(node.toPrettyString());
    } else {
      out.println("# permission policy (inline policy " + IdentitySettings.DEFAULT_PERMISSION_POLICY_NAME + ")");
      out.println(permission.toPrettyJson());
      out.println("# trust policy: " + trust.size() + " of " + quota + " characters");
      out.println(trust.toPrettyJson());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
