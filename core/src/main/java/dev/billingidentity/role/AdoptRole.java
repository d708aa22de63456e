package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import java.util.Map;

/** Tags an existing role as the library's, because the caller explicitly asked to adopt it. */
public record AdoptRole(String roleName, Map<String, String> tags) implements Change {
  /** Copies the tags. */
  public AdoptRole {
    tags = Map.copyOf(tags);
  }

  @Override
  public String kind() {
    return "AdoptRole";
  }

  @Override
  public String describe() {
    return "~ adopt existing role " + roleName + " (tag it " + Ownership.TAG_KEY + "=" + Ownership.TAG_VALUE + ")";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.set("tags", ChangeJson.MAPPER.valueToTree(tags));
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    context.retry().run("TagRole " + roleName, () -> context.aws().iam().tagRole(roleName, tags));
  }
}
