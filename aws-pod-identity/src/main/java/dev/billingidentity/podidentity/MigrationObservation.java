package dev.billingidentity.podidentity;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.podidentity.MigrationStatus.ControlPlaneState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a migration step needs to know, read once: the Pod Identity side (role, add-on, associations of the chosen
 * control planes), the IRSA role, and per control plane the service account's annotation and which credentials the
 * pods use.
 */
final class MigrationObservation {
  private final PodIdentityObservation podIdentity;
  private final IrsaSettings irsa;
  private final RoleObservation irsaRole;
  private final List<ControlPlaneState> states;

  private MigrationObservation(PodIdentityObservation podIdentity, IrsaSettings irsa, RoleObservation irsaRole,
      List<ControlPlaneState> states) {
    this.podIdentity = podIdentity;
    this.irsa = irsa;
    this.irsaRole = irsaRole;
    this.states = List.copyOf(states);
  }

  static MigrationObservation read(StrategyContext context, IrsaSettings irsa) {
    PodIdentityObservation pi = PodIdentityObservation.read(context);
    RoleObservation irsaRole = sameRole(pi, irsa) ? pi.role()
        : RoleObservation.read(pi.iam(), irsa.role().name(), irsa.permissionPolicyName());
    Map<String, Association> associations = pi.describe(context.space().hostNamespaces());
    ClusterSnapshot snapshot = context.space().snapshot();
    List<ControlPlaneState> states = new ArrayList<>();
    for (ControlPlane cp : context.space().provisioned()) {
      String ns = cp.hostNamespace().orElseThrow();
      Association a = associations.get(ns);
      boolean associated = a != null && a.roleArn().equals(pi.target().roleArn());
      boolean annotated = snapshot.serviceAccount(ns)
          .map(sa -> sa.annotations().containsKey(HelmValues.ROLE_ARN_ANNOTATION)).orElse(false);
      int onPodIdentity = 0;
      int onIrsa = 0;
      int without = 0;
      for (PodInfo pod : snapshot.pods(ns)) {
        switch (PodCredentials.of(pod)) {
          case POD_IDENTITY -> onPodIdentity++;
          case WEB_IDENTITY -> onIrsa++;
          case NONE -> without++;
        }
      }
      states.add(new ControlPlaneState(ns, associated, annotated, onPodIdentity, onIrsa, without));
    }
    return new MigrationObservation(pi, irsa, irsaRole, states);
  }

  /** Role names are unique in an account (the path is not part of the name): the same name is the same role. */
  private static boolean sameRole(PodIdentityObservation pi, IrsaSettings irsa) {
    return pi.target().settings().role().name().equals(irsa.role().name());
  }

  PodIdentityObservation podIdentity() {
    return podIdentity;
  }

  StrategyContext context() {
    return podIdentity.context();
  }

  IrsaSettings irsa() {
    return irsa;
  }

  RoleObservation irsaRole() {
    return irsaRole;
  }

  /** Whether IRSA and Pod Identity use one role (their statements then share its trust). */
  boolean sameRole() {
    return sameRole(podIdentity, irsa);
  }

  /** The provisioned control planes' states, in discovery order. */
  List<ControlPlaneState> states() {
    return states;
  }

  /** Whether the Pod Identity role exists and trusts Pod Identity for this account and cluster. */
  boolean podIdentityTrusted() {
    return podIdentity.role().trust().map(t -> podIdentity.target().trustedBy(t)).orElse(false);
  }

  /** Whether the IRSA role's trust still holds the library's IRSA statements. */
  boolean irsaTrusted() {
    return irsaRole.trust().map(IrsaTrust::present).orElse(false);
  }

  /** The migration's status and next step. */
  MigrationStatus status() {
    // A refused control plane (host namespace not trusted) says why: waiting will not provision it.
    List<String> pending = context().space().pending().stream()
        .map(cp -> cp.notProvisionedReason().map(r -> cp.displayName() + " (" + r + ")").orElse(cp.displayName()))
        .toList();
    boolean agent = podIdentity.addon().active();
    return new MigrationStatus(states, pending, podIdentityTrusted(), agent, irsaTrusted(), nextStep(agent));
  }

  private Optional<MigrationStep> nextStep(boolean agent) {
    if (!podIdentityTrusted() || !agent || states.stream().anyMatch(s -> !s.associated())) {
      return Optional.of(MigrationStep.CREATE_ASSOCIATIONS);
    }
    if (states.stream().anyMatch(ControlPlaneState::annotated)) {
      return Optional.of(MigrationStep.DROP_ANNOTATION);
    }
    if (states.stream().anyMatch(s -> s.podsOnIrsa() > 0 || s.podsWithoutCredentials() > 0)) {
      return Optional.of(MigrationStep.RESTART_WORKLOADS);
    }
    return irsaTrusted() ? Optional.of(MigrationStep.REMOVE_IRSA_TRUST) : Optional.empty();
  }
}
