package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;

/**
 * Sets the role's description and maximum session duration ({@code UpdateRole}) to what the settings name. Both are
 * sent, the one the settings do not name as IAM holds it now: IAM applies its default session duration to an
 * {@code UpdateRole} that names none.
 *
 * @param roleName the role
 * @param description the description to write, or null when the role has none and the settings name none
 * @param maxSessionDurationSeconds the maximum session duration to write
 */
public record UpdateRole(String roleName, String description, int maxSessionDurationSeconds) implements Change {
  @Override
  public String kind() {
    return "UpdateRole";
  }

  @Override
  public String describe() {
    return "~ update role " + roleName + ": max session duration " + maxSessionDurationSeconds + " s"
        + (description == null ? "" : ", description \"" + description + "\"");
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    if (description != null) {
      node.put("roleDescription", description);
    }
    node.put("maxSessionDurationSeconds", maxSessionDurationSeconds);
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    context.retry().run("UpdateRole " + roleName,
        () -> context.aws().iam().updateRole(roleName, description, maxSessionDurationSeconds));
  }
}
