package dev.billingidentity.role;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One IAM role in memory, enough for the role changes: its trust policy, tags and inline policies, the trust writes
 * made, and an optional other writer that rewrites the trust right after each of ours (IAM has no precondition).
 */
final class FakeIam implements IamPort {
  final String roleName;
  String trust;
  Map<String, String> tags;
  final Map<String, String> inlinePolicies = new HashMap<>();
  final List<String> trustWrites = new ArrayList<>();
  /** Applied to the trust after each of our writes, as another writer would; identity by default. */
  UnaryOperator<String> otherWriter = UnaryOperator.identity();
  int otherWrites = Integer.MAX_VALUE;

  FakeIam(String roleName, String trust, Map<String, String> tags) {
    this.roleName = roleName;
    this.trust = trust;
    this.tags = tags;
  }

  @Override
  public Optional<RoleInfo> findRole(String name) {
    return name.equals(roleName) && trust != null
        ? Optional.of(new RoleInfo(roleName, "/", "arn:aws:iam::123456789012:role/" + roleName, trust, tags))
        : Optional.empty();
  }

  @Override
  public void updateTrustPolicy(String name, String policyJson) {
    trustWrites.add(policyJson);
    trust = policyJson;
    if (otherWrites-- > 0) {
      trust = otherWriter.apply(trust);
    }
  }

  @Override
  public Optional<String> findRolePolicy(String name, String policyName) {
    return Optional.ofNullable(inlinePolicies.get(policyName));
  }

  @Override
  public RoleInfo createRole(NewRole role) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void tagRole(String name, Map<String, String> newTags) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void untagRole(String name, List<String> keys) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void updateRole(String name, String description, int maxSessionDurationSeconds) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putRolePermissionsBoundary(String name, String policyArn) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void deleteRolePermissionsBoundary(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void deleteRole(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> listRolePolicyNames(String name) {
    return List.copyOf(inlinePolicies.keySet());
  }

  @Override
  public void putRolePolicy(String name, String policyName, String policyJson) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void deleteRolePolicy(String name, String policyName) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> listOidcProviderArns() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<OidcProviderInfo> findOidcProvider(String arn) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String createOidcProvider(NewOidcProvider provider) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void deleteOidcProvider(String arn) {
    throw new UnsupportedOperationException();
  }
}
