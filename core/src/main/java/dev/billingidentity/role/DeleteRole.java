package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the library's role. Checked again when applied: a role that is not the library's, that holds a trust
 * statement someone else wrote, or that has an inline policy that is not the library's, is kept (only the library's
 * statements and policy are removed, by the changes before this one).
 */
public record DeleteRole(String roleName, String ownedPolicyName) implements Change {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteRole.class);

  @Override
  public String kind() {
    return "DeleteRole";
  }

  @Override
  public String describe() {
    return "- delete role " + roleName;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    Optional<RoleInfo> role = context.aws().iam().findRole(roleName);
    if (role.isEmpty()) {
      return;
    }
    String reason = keepReason(role.get(), context);
    if (reason != null) {
      LOG.warn("keeping role {}: {}", roleName, reason);
      return;
    }
    context.retry().run("DeleteRole " + roleName, () -> context.aws().iam().deleteRole(roleName));
  }

  private String keepReason(RoleInfo role, ApplyContext context) {
    if (!Ownership.isOwned(role.tags())) {
      return "it is not managed by billing-identity";
    }
    PolicyDocument trust = PolicyDocument.parse(role.trustPolicyJson());
    boolean foreignStatements = trust.statements().stream()
        .anyMatch(s -> !s.hasSidPrefix(BillingPolicies.OWNED_SID_PREFIX));
    if (foreignStatements) {
      return "its trust policy holds statements billing-identity did not write";
    }
    boolean foreignPolicies = context.aws().iam().listRolePolicyNames(roleName).stream()
        .anyMatch(name -> !name.equals(ownedPolicyName));
    return foreignPolicies ? "it has inline policies billing-identity did not write" : null;
  }
}
