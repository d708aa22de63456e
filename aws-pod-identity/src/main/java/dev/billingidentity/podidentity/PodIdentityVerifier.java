package dev.billingidentity.podidentity;

import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.bucket.BucketCheck;
import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.role.RoleFindings;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies Pod Identity. For the whole: the role exists and is the library's, its trust holds the library's Pod
 * Identity statement, the S3 policy grants exactly the billing access, the role's guardrails are as the settings name
 * them, the agent add-on runs. Per control plane: an association of vector names the billing role, vector's service
 * account carries no IRSA role-ARN annotation (which would win over Pod Identity), vector's pods were started with
 * Pod Identity's credentials, and vector (its pod template and every running pod) is a release that can use them
 * ({@link VectorVersionCheck}: older is a problem, a release its tag does not tell is unknown). Only reads.
 */
final class PodIdentityVerifier {
  private PodIdentityVerifier() {}

  static VerificationReport verify(PodIdentityObservation observed) {
    PodIdentityTarget target = observed.target();
    PodIdentitySettings settings = target.settings();
    StrategyContext context = observed.context();
    BucketCheck bucket = BucketPreflight.check(context);
    List<Finding> findings = new ArrayList<>(bucket.findings());
    findings.addAll(roleFindings(observed.role(), target, bucket));
    findings.add(observed.addon().finding());

    Map<String, Association> associations = associations(observed, context.space().hostNamespaces());
    ClusterSnapshot snapshot = context.space().snapshot();
    for (ControlPlane cp : context.space().provisioned()) {
      String ns = cp.hostNamespace().orElseThrow();
      Association association = associations.get(ns);
      findings.add(associationFinding(ns, association, target));
      boolean associated = association != null && association.roleArn().equals(target.roleArn());
      findings.addAll(workloadFindings(ns, snapshot, settings.serviceAccount(), associated));
      findings.add(VectorVersionCheck.finding(ns, snapshot, settings.minimumVectorVersionForPodIdentity()));
    }
    for (ControlPlane cp : context.space().pending()) {
      findings.add(Finding.notProvisioned(cp));
    }
    return new VerificationReport(findings);
  }

  /**
   * The associations of {@code namespaces} as EKS holds them now: described, except those this operation already
   * holds an answer for (its writes', or, for an association the plan left untouched, its plan's) whose very
   * association (same id) the verification's own fresh list still shows; see {@link KnownAssociations} for the one
   * change this cannot see. An apply so describes each association at most once; a verification on its own
   * describes them all. What is described here is kept too, for a verification later in the same operation (after
   * restarts).
   */
  private static Map<String, Association> associations(PodIdentityObservation observed, Set<String> namespaces) {
    KnownAssociations known = KnownAssociations.of(observed.context());
    AssociationInventory listed = observed.associations();
    Map<String, Association> out = new LinkedHashMap<>();
    Set<String> toDescribe = new LinkedHashSet<>();
    for (String ns : namespaces) {
      Optional<Association> held = listed.associationId(ns).flatMap(id -> known.known(ns, id));
      held.ifPresentOrElse(a -> out.put(ns, a), () -> toDescribe.add(ns));
    }
    Map<String, Association> described = observed.describe(toDescribe);
    known.read(described, Set.of());
    out.putAll(described);
    return out;
  }

  private static List<Finding> roleFindings(RoleObservation role, PodIdentityTarget target, BucketCheck bucket) {
    PodIdentitySettings settings = target.settings();
    String name = settings.role().name();
    List<Finding> out = RoleFindings.existence(role, settings);
    if (role.role().isEmpty()) {
      return out;
    }

    List<Statement> owned = role.trust().orElseThrow().statementsWithSidPrefix(BillingPolicies.POD_IDENTITY_SID);
    Statement wanted = target.trustStatement();
    if (owned.isEmpty()) {
      out.add(Finding.problem("role", "trust-pod-identity", FindingState.MISSING, "the trust policy of " + name
          + " does not let " + BillingPolicies.POD_IDENTITY_SERVICE + " assume it", "apply()"));
    } else if (target.trustedBy(role.trust().orElseThrow())) {
      out.add(Finding.ok("role", "trust-pod-identity", BillingPolicies.POD_IDENTITY_SERVICE + " for account "
          + target.account().id() + " and cluster " + target.clusterArn()));
    } else {
      out.add(Finding.problem("role", "trust-pod-identity", FindingState.DRIFTED, "the library's Pod Identity "
          + "statement of " + name + " is not " + wanted, "apply()"));
    }

    out.add(RoleFindings.permissionPolicy(role, settings, bucket.s3Access()));
    out.addAll(RoleFindings.guardrails(role, settings));
    return out;
  }

  private static Finding associationFinding(String ns, Association a, PodIdentityTarget target) {
    String sa = target.serviceAccount();
    if (a == null) {
      return Finding.problem(ns, "association", FindingState.MISSING, "no pod identity association for " + ns + "/"
          + sa, "apply()");
    }
    boolean owned = AssociationWrites.owned(a);
    if (a.roleArn().equals(target.roleArn())) {
      return Finding.ok(ns, "association", a.associationId() + " -> " + a.roleArn()
          + (owned ? "" : " (not created by billing-identity)"));
    }
    return owned
        ? Finding.problem(ns, "association", FindingState.DRIFTED, "association " + a.associationId()
            + " names " + a.roleArn() + ", not " + target.roleArn(), "apply()")
        : Finding.problem(ns, "association", FindingState.DRIFTED,
            AssociationConflictException.describe(a, target.roleArn()),
            AssociationConflictException.remedy(a, target.roleArn()));
  }

  /**
   * The service account's annotation and the pods' credentials of one host namespace.
   *
   * @param associated whether the namespace's association names the billing role (a restart helps only then)
   */
  static List<Finding> workloadFindings(String ns, ClusterSnapshot snapshot, String serviceAccount,
      boolean associated) {
    List<Finding> out = new ArrayList<>();
    Optional<ServiceAccountInfo> sa = snapshot.serviceAccount(ns);
    String annotation = sa.map(s -> s.annotations().get(HelmValues.ROLE_ARN_ANNOTATION)).orElse(null);
    if (sa.isEmpty()) {
      out.add(Finding.problem(ns, "service-account", FindingState.MISSING, "no service account " + serviceAccount,
          "enable billing in the Space (billing.enabled=true)"));
    } else if (annotation != null) {
      out.add(Finding.problem(ns, "service-account-annotation", FindingState.DRIFTED, serviceAccount
          + " still has " + HelmValues.ROLE_ARN_ANNOTATION + "=" + annotation
          + ": IRSA's web-identity credentials win over Pod Identity while it stays",
          "drop the annotation from the Space's Helm values (helmValues(): no "
              + "controlPlanes.vector.serviceAccount.customAnnotations) with helm upgrade, then restartStale()"));
    } else {
      out.add(Finding.ok(ns, "service-account-annotation", "no IRSA annotation"));
    }

    List<PodInfo> pods = snapshot.pods(ns);
    if (pods.isEmpty()) {
      out.add(Finding.problem(ns, "pods", FindingState.NOT_RUNNING, "no vector pod is running",
          "check the vector workload: kubectl get pods -n " + ns));
      return out;
    }
    List<PodInfo> notOnPodIdentity = pods.stream().filter(p -> PodCredentials.of(p) != PodCredentials.POD_IDENTITY)
        .toList();
    if (notOnPodIdentity.isEmpty()) {
      out.add(Finding.ok(ns, "pod-env", pods.size() + " pod(s) carry " + PodCredentials.FULL_URI_ENV + " and "
          + PodCredentials.AUTHORIZATION_TOKEN_FILE_ENV));
    } else if (!associated) {
      out.add(Finding.problem(ns, "pod-env", FindingState.MISSING, notOnPodIdentity.size()
          + " pod(s) lack Pod Identity credentials; a restart will not help until the association names the role",
          "apply(), then restartStale()"));
    } else if (annotation != null) {
      out.add(Finding.problem(ns, "pod-env", FindingState.DRIFTED, notOnPodIdentity.size()
          + " pod(s) use IRSA's credentials; restarted now, they would again, because of the annotation",
          "drop the annotation first, then restartStale()"));
    } else {
      staleByWorkload(notOnPodIdentity, snapshot).forEach((workload, stale) -> {
        String detail = stale.size() + " pod(s) started before their Pod Identity association or with IRSA's "
            + "credentials: they lack " + PodCredentials.FULL_URI_ENV + " or still carry "
            + PodCredentials.ROLE_ARN_ENV;
        out.add(workload.isPresent()
            ? Finding.stalePods(ns, workload.get(), detail)
            : Finding.problem(ns, "pod-env", FindingState.STALE_PODS, detail,
                "delete the pods so that they are recreated"));
      });
    }
    return out;
  }

  private static Map<Optional<WorkloadRef>, List<PodInfo>> staleByWorkload(List<PodInfo> stale,
      ClusterSnapshot snapshot) {
    Map<Optional<WorkloadRef>, List<PodInfo>> out = new LinkedHashMap<>();
    for (PodInfo p : stale) {
      Optional<WorkloadRef> w = workloadOf(p, snapshot);
      out.computeIfAbsent(w, k -> new ArrayList<>()).add(p);
    }
    return out;
  }

  /** The workload of a pod: its owner, or else the namespace's vector workload. */
  static Optional<WorkloadRef> workloadOf(PodInfo pod, ClusterSnapshot snapshot) {
    return pod.workload().or(() -> snapshot.workloads(pod.namespace()).stream().findFirst().map(WorkloadInfo::ref));
  }
}
