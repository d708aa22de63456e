package dev.billingidentity.examples.operator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code BillingIdentity}'s {@code status}, as Kubernetes conventions have it: {@code observedGeneration}, the
 * conditions {@code Ready}, {@code Degraded} and {@code Blocked} (each with a reason and a message, and the time
 * it last changed), the counts, and the last apply's summary. Built from what the operator knows after a pass; a
 * condition whose status did not change keeps its {@code lastTransitionTime}.
 */
final class ResourceStatus {
  private static final int MAX_MESSAGE = 1000;

  private ResourceStatus() {}

  /**
   * What went wrong in the last pass, if anything.
   *
   * @param blocked the blocker's reason and message (Blocked=True), or null
   * @param failure the failure's message (Degraded=True, ReconcileFailed), or null
   */
  record Trouble(PlanBlockedException blocked, String failure) {
    static final Trouble NONE = new Trouble(null, null);
  }

  /**
   * The status to write.
   *
   * @param previous the status the resource holds now (for the transition times and the last apply), or null
   * @param generation the spec's generation this status observed
   * @param counts the selection's counts, or null when unknown (invalid spec)
   * @param problems what keeps billing from working, by host namespace or subject
   * @param pass the pass just made, or null when it had nothing to do (the last apply is kept)
   * @param trouble the blocker or failure
   * @param reconciled whether a full resync of this generation has succeeded (until then Ready is False)
   */
  static Map<String, Object> of(Map<?, ?> previous, long generation, SpaceReconciler.Counts counts,
      Map<String, String> problems, PassResult pass, Trouble trouble, boolean reconciled, Optional<String> roleArn,
      List<String> helmSetFlags, Clock clock) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", generation);
    List<Map<String, Object>> conditions = new ArrayList<>();
    String problemText = problems.isEmpty() ? null : summarize(problems);
    boolean blocked = trouble.blocked() != null;
    boolean failed = trouble.failure() != null;

    String readyReason;
    String readyMessage;
    boolean ready = false;
    if (blocked) {
      readyReason = "Blocked";
      readyMessage = trouble.blocked().getMessage();
    } else if (failed) {
      readyReason = "ReconcileFailed";
      readyMessage = trouble.failure();
    } else if (!reconciled) {
      readyReason = "Reconciling";
      readyMessage = "the first full reconcile of this spec has not finished";
    } else if (problemText != null) {
      readyReason = "Findings";
      readyMessage = problemText;
    } else {
      ready = true;
      readyReason = "Reconciled";
      readyMessage = counts == null ? "reconciled"
          : "every one of " + (counts.controlPlanes() - counts.pending()) + " provisioned control plane(s) has its "
              + "identity and vector's pods have credentials" + (counts.pending() > 0 ? "; " + counts.pending()
                  + " not provisioned yet" : "");
    }
    conditions.add(condition(previous, "Ready", ready, readyReason, readyMessage, generation, clock));
    boolean degraded = failed || (!blocked && problemText != null);
    conditions.add(condition(previous, "Degraded", degraded, failed ? "ReconcileFailed"
        : degraded ? "Findings" : "AsExpected", failed ? trouble.failure() : degraded ? problemText
            : "no finding", generation, clock));
    conditions.add(condition(previous, "Blocked", blocked, blocked ? trouble.blocked().reason() : "NotBlocked",
        blocked ? trouble.blocked().getMessage() : "nothing waits for a person", generation, clock));
    status.put("conditions", conditions);

    if (counts != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("controlPlanes", counts.controlPlanes());
      c.put("healthy", counts.healthy());
      c.put("pending", counts.pending());
      c.put("findings", counts.findings());
      status.put("counts", c);
    }
    if (pass != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
      last.put("kind", pass.kind());
      last.put("changes", pass.changes().size());
      last.put("restarts", pass.restarts().size());
      last.put("awsCalls", pass.awsCallCount());
      last.put("summary", truncate(pass.summary()));
      status.put("lastApply", last);
    } else if (previous != null && previous.get("lastApply") != null) {
      status.put("lastApply", previous.get("lastApply"));
    }
    roleArn.ifPresent(arn -> status.put("roleArn", arn));
    if (!helmSetFlags.isEmpty()) {
      status.put("helmSetFlags", List.copyOf(helmSetFlags));
    }
    return status;
  }

  /** The condition of {@code type}, from a status as the API server holds it. */
  static Optional<Map<?, ?>> condition(Map<?, ?> status, String type) {
    if (status == null || !(status.get("conditions") instanceof List<?> list)) {
      return Optional.empty();
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && type.equals(m.get("type"))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether two statuses say the same, whatever the order of their keys (the API server may sort them) and the width
   * of their numbers: an unchanged status is not written, so a quiet pass makes no watch event.
   */
  static boolean sameAs(Map<?, ?> a, Map<?, ?> b) {
    try {
      return Objects.equals(CANONICAL.writeValueAsString(a), CANONICAL.writeValueAsString(b));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private static Map<String, Object> condition(Map<?, ?> previous, String type, boolean value, String reason,
      String message, long generation, Clock clock) {
    String status = value ? "True" : "False";
    String since = condition(previous, type)
        .filter(old -> status.equals(old.get("status")))
        .map(old -> String.valueOf(old.get("lastTransitionTime")))
        .orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("reason", reason);
    c.put("message", truncate(message));
    c.put("observedGeneration", generation);
    c.put("lastTransitionTime", since);
    return c;
  }

  private static String summarize(Map<String, String> problems) {
    StringBuilder b = new StringBuilder(problems.size() + " finding(s): ");
    int shown = 0;
    for (Map.Entry<String, String> e : problems.entrySet()) {
      if (shown == 3) {
        b.append("; and ").append(problems.size() - shown).append(" more");
        break;
      }
      b.append(shown == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
      shown++;
    }
    return b.toString();
  }

  static String truncate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
