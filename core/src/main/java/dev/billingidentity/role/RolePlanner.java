package dev.billingidentity.role;

import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.NewRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the billing role for either strategy: create it (with its guardrails), or bring the library's role to the
 * target (guardrails, trust, S3 policy), or refuse a role that is not the library's. Pure: it reads nothing and
 * writes nothing.
 */
public final class RolePlanner {
  private RolePlanner() {}

  /**
   * {@return the changes that take {@code current} to {@code target}}
   *
   * @throws RoleNotOwnedException when the role exists, is not the library's, and adoption was not asked for
   */
  public static RolePlan plan(RoleObservation current, RoleTarget target) {
    String name = target.role().name();
    List<Change> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> tags = Ownership.tags(target.cluster());
    PolicyDocument trust = current.trust().orElseGet(TrustPolicies::empty);
    PolicyDocument desiredTrust = target.trustEdit().applyTo(trust);
    TrustCapacity capacity = target.capacityOf().apply(desiredTrust);

    if (current.role().isEmpty()) {
      if (desiredTrust.statements().isEmpty()) {
        notes.add("role " + name + " is not created yet: there is nothing to trust (no provisioned control plane)");
        return new RolePlan(changes, desiredTrust, capacity, notes);
      }
      IamRole role = target.role();
      // The settings' tags first, so that the library's own win (the settings cannot name them anyway).
      Map<String, String> createTags = new LinkedHashMap<>(role.tags());
      createTags.putAll(tags);
      changes.add(new CreateRole(
          new NewRole(name, role.path(), desiredTrust.toJson(), role.description().orElse(target.description()),
              createTags, role.permissionsBoundary(), role.maxSessionDurationSeconds()),
          updateTrust(target)));
    } else {
      if (!current.owned()) {
        if (!target.adoptExistingRole()) {
          throw new RoleNotOwnedException(name);
        }
        Map<String, String> adoptTags = new HashMap<>(tags);
        changes.add(new AdoptRole(name, adoptTags));
      }
      RoleGuardrails.plan(current.role().get(), target.role(), target.repairPermissionsBoundary(), changes, notes);
      if (!desiredTrust.equals(trust)) {
        if (desiredTrust.statements().isEmpty()) {
          notes.add("trust policy of role " + name + " kept as is: the change would leave it with no statement");
        } else {
          changes.add(updateTrust(target));
        }
      }
    }
    boolean policyOk = current.permissionPolicy().map(p -> p.isEquivalentTo(target.permissionPolicy())).orElse(false);
    if (!policyOk) {
      changes.add(new PutRolePolicy(name, target.permissionPolicyName(), target.permissionPolicy()));
    }
    return new RolePlan(changes, desiredTrust, capacity, notes);
  }

  private static UpdateTrustPolicy updateTrust(RoleTarget target) {
    return new UpdateTrustPolicy(
        target.role().name(), target.trustEdit(), target.trustPolicyQuota(), target.capacityOf());
  }
}
