package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.plan.SubstituteChangeFailedException;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.EntityAlreadyExistsException;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.RoleInfo;

/**
 * Creates the billing role, tagged as the library's, with its trust policy and the guardrails the settings name
 * (permissions boundary, tags, maximum session duration, description). If the role appeared in the meantime
 * (an earlier apply that crashed after this step, or a concurrent applier) and is the library's, the trust edit is
 * applied to it instead ({@code ifExists}), so that a concurrent applier's subjects and ours both end up in it.
 *
 * @param role the role to create
 * @param ifExists the trust edit to apply when the library's role exists already
 */
public record CreateRole(NewRole role, UpdateTrustPolicy ifExists) implements Change {
  @Override
  public String kind() {
    return "CreateRole";
  }

  @Override
  public String describe() {
    return "+ create role " + role.name() + " (path " + role.path() + ", tagged " + Ownership.TAG_KEY
        + role.permissionsBoundary().map(b -> ", permissions boundary " + b).orElse("")
        + (role.maxSessionDurationSeconds().isPresent()
            ? ", max session " + role.maxSessionDurationSeconds().getAsInt() + " s" : "") + ")";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", role.name());
    node.put("path", role.path());
    node.set("trustPolicy", PolicyDocument.parse(role.trustPolicyJson()).toJsonNode());
    node.set("tags", ChangeJson.MAPPER.valueToTree(new java.util.TreeMap<>(role.tags())));
    if (role.description() != null) {
      node.put("roleDescription", role.description());
    }
    role.permissionsBoundary().ifPresent(b -> node.put("permissionsBoundary", b));
    role.maxSessionDurationSeconds().ifPresent(s -> node.put("maxSessionDurationSeconds", s));
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    try {
      context.retry().call("CreateRole " + role.name(), () -> context.aws().iam().createRole(role));
    } catch (EntityAlreadyExistsException e) {
      RoleInfo existing = context.aws().iam().findRole(role.name()).orElseThrow(() -> e);
      if (!Ownership.isOwned(existing.tags())) {
        throw new RoleNotOwnedException(role.name());
      }
      try {
        ifExists.apply(context);
      } catch (RuntimeException failed) {
        // The write that failed is the trust edit, not the creation: say so, or the error points at the wrong change.
        throw new SubstituteChangeFailedException(ifExists, "role " + role.name() + " exists already", failed);
      }
    }
  }
}
