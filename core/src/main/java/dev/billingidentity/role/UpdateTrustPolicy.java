package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits the role's trust policy: reads it, applies the {@link TrustEdit}, writes it, and reads it back. IAM has no
 * conditional write, so when the read-back differs from what was written another writer changed the policy in
 * between; the edit is then applied again to the newer document, so that neither writer's statements or subjects
 * are lost (bounded by {@link dev.billingidentity.plan.ApplyOptions#trustWriteAttempts()}).
 *
 * @param roleName the role
 * @param edit what to change
 * @param quota the account's trust policy size quota; a result past it is refused before the write
 * @param capacityOf how to report a document's capacity in the quota error
 */
public record UpdateTrustPolicy(
    String roleName, TrustEdit edit, int quota, Function<PolicyDocument, TrustCapacity> capacityOf)
    implements Change {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateTrustPolicy.class);
  /**
   * Appliers in one JVM (threads of an operator, tests) take turns per role, so they cannot overwrite each other at
   * all; the read-back below covers writers in other processes.
   */
  private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "UpdateTrustPolicy";
  }

  @Override
  public String describe() {
    return "~ update trust policy of role " + roleName + ": " + edit.describe();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.set("edit", edit.toJson());
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    synchronized (LOCKS.computeIfAbsent(roleName, k -> new Object())) {
      applyLocked(context);
    }
  }

  private void applyLocked(ApplyContext context) {
    int attempts = context.options().trustWriteAttempts();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      PolicyDocument current = readTrust(context);
      PolicyDocument desired = edit.applyTo(current);
      if (desired.equals(current)) {
        return;
      }
      TrustCapacity capacity = capacityOf.apply(desired);
      if (capacity.size() > quota) {
        throw new TrustPolicyQuotaException(roleName, capacity);
      }
      context.retry().run("UpdateAssumeRolePolicy " + roleName,
          () -> context.aws().iam().updateTrustPolicy(roleName, desired.toJson()));
      PolicyDocument readBack = readTrust(context);
      if (edit.applyTo(readBack).equals(readBack)) {
        return;
      }
      LOG.warn("trust policy of role {} changed by another writer during attempt {}/{}; merging again",
          roleName, attempt, attempts);
    }
    throw new ConcurrentTrustModificationException(roleName, attempts);
  }

  private PolicyDocument readTrust(ApplyContext context) {
    RoleInfo role = context.retry().call("GetRole " + roleName, () -> context.aws().iam().findRole(roleName))
        .orElseThrow(() -> new NoSuchEntityException("IAM", "GetRole", "NoSuchEntity", 404,
            "The role with name " + roleName + " cannot be found."));
    return TrustPolicies.parseStrict(role);
  }
}
