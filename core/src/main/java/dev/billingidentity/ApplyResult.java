package dev.billingidentity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.calls.CallCounts;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.verify.VerificationReport;
import java.time.Duration;
import java.util.List;

/**
 * What an apply (or a restart, or a destroy) did.
 *
 * @param plan the plan it applied
 * @param applied the changes made, in order
 * @param verification the state observed afterwards
 * @param calls the port calls made, planning and verification included
 * @param duration the wall time
 */
public record ApplyResult(
    Plan plan, List<Change> applied, VerificationReport verification, CallCounts calls, Duration duration) {
  /** Copies the changes made: the result is immutable. */
  public ApplyResult {
    applied = List.copyOf(applied);
  }

  /** {@return the Space's Helm values, to set with {@code helm upgrade} if not set yet} */
  public HelmValues helmValues() {
    return plan.helmValues();
  }

  /** {@return a summary for people} */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("applied ").append(applied.size()).append(" change(s) in ").append(duration.toMillis()).append(" ms; ")
        .append(calls).append('\n');
    applied.forEach(c -> out.append("  ").append(c.describe()).append('\n'));
    plan.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
    out.append(verification.render());
    return out.toString();
  }

  /** {@return the result as JSON: changes made, calls by operation, duration and the verification} */
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.MAPPER.createObjectNode();
    node.put("mode", plan.mode().id());
    node.put("roleArn", plan.roleArn());
    ArrayNode changes = node.putArray("changes");
    applied.forEach(c -> changes.add(c.toJson()));
    node.set("calls", calls.toJson());
    node.put("durationMillis", duration.toMillis());
    node.set("verification", verification.toJson());
    node.set("helmValues", plan.helmValues().toJson());
    return node;
  }

  /** {@link #toJson()} as JSON text, for a consumer that does not use Jackson 2. */
  public String toJsonString() {
    return toJson().toString();
  }
}
