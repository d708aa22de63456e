package dev.billingidentity.podidentity;

import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.workload.VectorImage.Support;
import dev.billingidentity.workload.VectorImages;
import dev.billingidentity.workload.VectorImages.Use;
import dev.billingidentity.workload.VectorVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the vector of a host namespace can use Pod Identity's credentials, read from the image tags of its pod
 * templates and of every running pod (a pod left from before a rollout counts too: it is what runs). A vector older
 * than the minimum cannot ({@link FindingState#INCOMPATIBLE}); one whose release no tag tells is
 * {@link FindingState#UNKNOWN}, never assumed fine. Only reads the snapshot.
 */
final class VectorVersionCheck {
  /** The check's name in findings. */
  static final String CHECK = "vector-version";

  private VectorVersionCheck() {}

  /** The finding of host namespace {@code ns}. */
  static Finding finding(String ns, ClusterSnapshot snapshot, VectorVersion minimum) {
    VectorImages images = VectorImages.in(ns, snapshot);
    if (images.isEmpty()) {
      return Finding.problem(ns, CHECK, FindingState.UNKNOWN, "no vector workload or pod in " + ns
          + " to read vector's release from; Pod Identity needs vector " + minimum + " or later",
          "check the vector workload: kubectl get deployments,statefulsets,pods -n " + ns);
    }
    List<Use> tooOld = images.with(Support.TOO_OLD, minimum);
    List<Use> unknown = images.with(Support.UNKNOWN, minimum);
    if (!tooOld.isEmpty()) {
      return Finding.problem(ns, CHECK, FindingState.INCOMPATIBLE, tooOldDetail(tooOld, minimum)
          + (unknown.isEmpty() ? "" : "; release unknown: " + unknownDetail(unknown, minimum)),
          remedy(ns, snapshot, tooOld, minimum));
    }
    if (!unknown.isEmpty()) {
      return Finding.problem(ns, CHECK, FindingState.UNKNOWN, "vector's release cannot be read: "
          + unknownDetail(unknown, minimum) + "; Pod Identity needs vector " + minimum + " or later",
          "run a vector image tagged with its release, e.g. timberio/vector:" + minimum + "-distroless-libc "
              + "(pinned: timberio/vector:<release>@sha256:<digest>); until the release can be read this check "
              + "stays unknown, not healthy");
    }
    return Finding.ok(ns, CHECK, VectorImages.describe(images.uses()) + ": " + minimum
        + " or later, as Pod Identity needs");
  }

  /**
   * The host namespaces of {@code namespaces} whose vector is older than {@code minimum}, each with what runs there
   * ({@link VectorImages#describe}), in the order given.
   */
  static Map<String, String> tooOld(Set<String> namespaces, ClusterSnapshot snapshot, VectorVersion minimum) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String ns : namespaces) {
      List<Use> old = VectorImages.in(ns, snapshot).with(Support.TOO_OLD, minimum);
      if (!old.isEmpty()) {
        out.put(ns, VectorImages.describe(old));
      }
    }
    return out;
  }

  /**
   * What to say when some of {@code namespaces} run a vector older than {@code minimum}: how many, which (the first
   * few with what runs there) and why it matters; empty when none does.
   */
  static Optional<String> tooOldSummary(Set<String> namespaces, ClusterSnapshot snapshot,
      VectorVersion minimum) {
    Map<String, String> old = tooOld(namespaces, snapshot, minimum);
    if (old.isEmpty()) {
      return Optional.empty();
    }
    String shown = old.entrySet().stream().limit(3).map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("; "));
    return Optional.of(old.size() + " control plane(s) run vector older than " + minimum + " "
        + AssociationPlanner.abbreviate(old.keySet()) + " (" + shown + (old.size() > 3 ? "; ..." : "") + "): "
        + why(minimum) + ". Upgrade vector first (the Space's Helm value controlPlanes.vector.version, or its "
        + "image) or stay on IRSA");
  }

  /** Why a vector before {@code minimum} gets nothing from Pod Identity, for people. */
  static String why(VectorVersion minimum) {
    return "vector before " + minimum + " bundles the Rust AWS SDK's aws-config 1.0.x, which refuses the Pod "
        + "Identity agent's http://169.254.170.23/v1/credentials (\"not the loopback interface\"), so it runs "
        + "without credentials and writes no billing data";
  }

  private static String tooOldDetail(List<Use> tooOld, VectorVersion minimum) {
    return "vector older than " + minimum + " cannot use Pod Identity: " + VectorImages.describe(tooOld) + "; "
        + why(minimum);
  }

  private static String unknownDetail(List<Use> unknown, VectorVersion minimum) {
    Map<String, List<Use>> byReason = unknown.stream().collect(Collectors.groupingBy(
        u -> u.image().flatMap(i -> i.whyUnknown(minimum)).orElse("no container of it is vector's"),
        LinkedHashMap::new, Collectors.toList()));
    return byReason.entrySet().stream().map(e -> VectorImages.describe(e.getValue()) + " (" + e.getKey() + ")")
        .collect(Collectors.joining("; "));
  }

  /**
   * An old pod template needs vector upgraded; old pods under an up-to-date template are a rollout still under way
   * (or stuck), which finishing or restarting it mends.
   */
  private static String remedy(String ns, ClusterSnapshot snapshot, List<Use> tooOld, VectorVersion minimum) {
    if (tooOld.stream().anyMatch(Use::template)) {
      return "upgrade vector to " + minimum + " or later: the Space's Helm value controlPlanes.vector.version "
          + "(Spaces' default, 0.36.1, is older) or the vector image you set, then let it roll out; or use IRSA "
          + "(BillingIdentity.irsa, --mode irsa), which this vector supports";
    }
    String workload = snapshot.workloads(ns).stream().findFirst().map(WorkloadInfo::ref)
        .map(w -> w.kind().kubectlName() + "/" + w.name() + " -n " + ns).orElse("-n " + ns);
    return "the pod template already runs a newer vector: let the rollout finish (kubectl rollout status "
        + workload + ") or restart it (kubectl rollout restart " + workload + ")";
  }
}
