package dev.billingidentity.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings the tags the settings name ({@link dev.billingidentity.aws.IamRole#tags()}) back to their values: removes
 * the keys that differ from a named key only in case (IAM holds one tag per key whatever its case, so the old spelling
 * must go before the named one can be written), then tags the missing or different ones. Never touches any other tag:
 * the library's ownership tags are not the settings', and tags of others stay as they are.
 *
 * @param roleName the role
 * @param set the named tags whose value is missing or different
 * @param remove the keys to remove first: other spellings of named keys
 */
public record UpdateRoleTags(String roleName, Map<String, String> set, List<String> remove) implements Change {
  /** Copies the tags, sorted by key; refuses a change that sets and removes nothing. */
  public UpdateRoleTags {
    set = Map.copyOf(new TreeMap<>(set));
    remove = List.copyOf(remove);
    if (set.isEmpty() && remove.isEmpty()) {
      throw new IllegalArgumentException("an UpdateRoleTags change sets or removes at least one tag");
    }
  }

  @Override
  public String kind() {
    return "UpdateRoleTags";
  }

  @Override
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!remove.isEmpty()) {
      parts.add("untag " + String.join(", ", remove) + " (the same key in another case)");
    }
    if (!set.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      new TreeMap<>(set).forEach((k, v) -> pairs.add(k + "=" + v));
      parts.add("tag " + String.join(", ", pairs));
    }
    return "~ role " + roleName + ": " + String.join("; ", parts);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("roleName", roleName);
    node.set("tags", ChangeJson.MAPPER.valueToTree(new TreeMap<>(set)));
    node.set("untagKeys", ChangeJson.MAPPER.valueToTree(remove));
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    if (!remove.isEmpty()) {
      context.retry().run("UntagRole " + roleName, () -> context.aws().iam().untagRole(roleName, remove));
    }
    if (!set.isEmpty()) {
      context.retry().run("TagRole " + roleName, () -> context.aws().iam().tagRole(roleName, set));
    }
  }
}
