package dev.billingidentity.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.cluster.WorkloadRef;
import java.util.List;
import java.util.stream.Collectors;

/** Everything {@code verify()} checked, per control plane and for the whole. */
public record VerificationReport(List<Finding> findings) {
  /** Copies the findings. */
  public VerificationReport {
    findings = List.copyOf(findings);
  }

  /** Whether nothing needs fixing. Findings that are only {@link FindingState#PENDING} do not count as drift. */
  public boolean isHealthy() {
    return findings.stream().allMatch(f -> f.isOk() || f.state() == FindingState.PENDING);
  }

  /** {@return the findings that are neither OK nor pending} */
  public List<Finding> drift() {
    return findings.stream().filter(f -> !f.isOk() && f.state() != FindingState.PENDING).toList();
  }

  /** {@return the findings of one subject (a host namespace, or {@code role}, ...)} */
  public List<Finding> about(String subject) {
    return findings.stream().filter(f -> f.subject().equals(subject)).toList();
  }

  /** {@return the workloads whose pods predate their identity, each once} */
  public List<WorkloadRef> staleWorkloads() {
    return findings.stream()
        .filter(f -> f.state() == FindingState.STALE_PODS)
        .flatMap(f -> f.workload().stream())
        .distinct()
        .toList();
  }

  /** {@return the report for people: a summary line, then every finding that is not OK} */
  public String render() {
    long ok = findings.stream().filter(Finding::isOk).count();
    String head = isHealthy()
        ? "verified: healthy (" + ok + "/" + findings.size() + " checks ok)"
        : "verified: " + drift().size() + " problem(s), " + ok + "/" + findings.size() + " checks ok";
    String rest = findings.stream().filter(f -> !f.isOk()).map(f -> "  " + f).collect(Collectors.joining("\n"));
    return rest.isEmpty() ? head + "\n" : head + "\n" + rest + "\n";
  }

  /** {@return the report as JSON} */
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.MAPPER.createObjectNode();
    node.put("healthy", isHealthy());
    ArrayNode fs = node.putArray("findings");
    for (Finding f : findings) {
      ObjectNode o = fs.addObject();
      o.put("subject", f.subject());
      o.put("check", f.check());
      o.put("state", f.state().name());
      o.put("detail", f.detail());
      if (!f.remedy().isEmpty()) {
        o.put("remedy", f.remedy());
      }
      f.workload().ifPresent(w -> o.put("workload", w.toString()));
    }
    return node;
  }

  /** {@link #toJson()} as JSON text, for a consumer that does not use Jackson 2. */
  public String toJsonString() {
    return toJson().toString();
  }
}
