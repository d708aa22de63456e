package dev.billingidentity.podidentity;

import java.util.List;
import java.util.Optional;

/**
 * Where a migration from IRSA to Pod Identity stands, as observed now.
 *
 * @param controlPlanes the provisioned control planes, one state each
 * @param pending the control planes not provisioned yet (they start on whatever the Helm values say), and those
 *     whose host namespace is refused, with the reason in parentheses
 * @param podIdentityTrusted whether the Pod Identity role exists and its trust holds the library's Pod Identity
 *     statement
 * @param agentActive whether the {@code eks-pod-identity-agent} add-on is {@code ACTIVE}
 * @param irsaTrusted whether the IRSA role's trust still holds the library's IRSA statements
 * @param nextStep the step to run next, or empty when the migration is complete
 */
public record MigrationStatus(
    List<ControlPlaneState> controlPlanes, List<String> pending, boolean podIdentityTrusted, boolean agentActive,
    boolean irsaTrusted, Optional<MigrationStep> nextStep) {
  /** Copies the lists: the status is immutable. */
  public MigrationStatus {
    controlPlanes = List.copyOf(controlPlanes);
    pending = List.copyOf(pending);
  }

  /**
   * One control plane's vector during the migration.
   *
   * @param hostNamespace the host namespace
   * @param associated whether an association of vector names the Pod Identity role
   * @param annotated whether vector's service account still carries the IRSA role-ARN annotation
   * @param podsOnPodIdentity pods using Pod Identity's credentials
   * @param podsOnIrsa pods using IRSA's credentials (with or without Pod Identity's beside them)
   * @param podsWithoutCredentials pods with neither
   */
  public record ControlPlaneState(
      String hostNamespace, boolean associated, boolean annotated, int podsOnPodIdentity, int podsOnIrsa,
      int podsWithoutCredentials) {
    /** Whether this control plane is done: associated, not annotated, every pod on Pod Identity. */
    public boolean migrated() {
      return associated && !annotated && podsOnIrsa == 0 && podsWithoutCredentials == 0;
    }
  }

  /** Whether nothing is left to do. */
  public boolean isComplete() {
    return nextStep.isEmpty();
  }

  /** The control planes not migrated yet. */
  public List<ControlPlaneState> remaining() {
    return controlPlanes.stream().filter(c -> !c.migrated()).toList();
  }

  /** A summary for people. */
  public String render() {
    long associated = controlPlanes.stream().filter(ControlPlaneState::associated).count();
    long annotated = controlPlanes.stream().filter(ControlPlaneState::annotated).count();
    int onPodIdentity = controlPlanes.stream().mapToInt(ControlPlaneState::podsOnPodIdentity).sum();
    int onIrsa = controlPlanes.stream().mapToInt(ControlPlaneState::podsOnIrsa).sum();
    int without = controlPlanes.stream().mapToInt(ControlPlaneState::podsWithoutCredentials).sum();
    StringBuilder out = new StringBuilder();
    out.append("migration to Pod Identity: ").append(controlPlanes.size() - remaining().size()).append('/')
        .append(controlPlanes.size()).append(" control plane(s) migrated\n");
    out.append("  Pod Identity trust: ").append(podIdentityTrusted ? "yes" : "no")
        .append("; agent add-on active: ").append(agentActive ? "yes" : "no")
        .append("; IRSA trust: ").append(irsaTrusted ? "still present" : "removed").append('\n');
    out.append("  associations: ").append(associated).append('/').append(controlPlanes.size())
        .append("; annotated service accounts: ").append(annotated).append('\n');
    out.append("  pods on Pod Identity: ").append(onPodIdentity).append(", on IRSA: ").append(onIrsa)
        .append(", without credentials: ").append(without).append('\n');
    if (!pending.isEmpty()) {
      out.append("  not provisioned yet: ").append(pending).append('\n');
    }
    out.append(nextStep.map(s -> "  next: " + s + " (" + s.summary() + ")").orElse("  complete")).append('\n');
    return out.toString();
  }
}
