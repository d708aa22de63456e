package dev.billingidentity.irsa;

import dev.billingidentity.IrsaSettings;
import dev.billingidentity.bucket.BucketCheck;
import dev.billingidentity.bucket.BucketPreflight;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.role.RoleFindings;
import dev.billingidentity.role.RoleObservation;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.ServiceAccountInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies IRSA: for the whole, the OIDC provider, the role, its S3 policy and the guardrails the settings name
 * (permissions boundary, tags, session duration, description); per control plane, the trust subject,
 * the service account's role-ARN annotation, and the vector pods' injected environment. The guide's
 * {@code kubectl get serviceaccount} and {@code kubectl get pods} checks, for every control plane at once.
 *
 * <p>vector's release is not checked here, unlike in Pod Identity mode: IRSA's web-identity credentials
 * ({@code AWS_ROLE_ARN}, {@code AWS_WEB_IDENTITY_TOKEN_FILE}) are read by the Rust AWS SDK's {@code aws-config}
 * 1.0.1 that vector 0.36.1 (the Spaces chart's default) through 0.45.x bundle, and by the later ones; only Pod
 * Identity's agent address needs {@code aws-config} 1.1.8 or later (see
 * {@code PodIdentitySettings#minimumVectorVersionForPodIdentity}).
 */
final class IrsaVerifier {
  /** What the pod identity webhook injects for IRSA. */
  static final String ROLE_ARN_ENV = "AWS_ROLE_ARN";
  static final String TOKEN_FILE_ENV = "AWS_WEB_IDENTITY_TOKEN_FILE";
  static final String TOKEN_FILE = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";

  private IrsaVerifier() {}

  static VerificationReport verify(StrategyContext context) {
    IrsaObservation observed = IrsaObservation.read(context);
    IrsaTarget target = observed.target();
    IrsaSettings settings = target.settings();
    List<Finding> findings = new ArrayList<>();

    boolean provider = observed.provider().isPresent();
    findings.add(provider
        ? Finding.ok("oidc-provider", "exists", target.providerArn())
        : Finding.problem("oidc-provider", "exists", FindingState.MISSING, target.providerArn() + " does not exist",
            "apply()"));

    RoleObservation role = observed.role();
    BucketCheck bucket = BucketPreflight.check(context);
    findings.addAll(bucket.findings());
    findings.addAll(roleFindings(role, settings, bucket));
    List<String> subjects = role.trust().map(t -> BillingPolicies.irsaSubjects(t, target.issuer())).orElse(List.of());
    boolean pattern = role.trust().map(t -> t.statements().stream()
        .anyMatch(s -> s.sid().filter(BillingPolicies.IRSA_PATTERN_SID::equals).isPresent())).orElse(false);

    ClusterSnapshot snapshot = context.space().snapshot();
    for (ControlPlane cp : context.space().provisioned()) {
      String ns = cp.hostNamespace().orElseThrow();
      boolean trusted = subjects.contains(target.subject(ns)) || (pattern && Subjects.coveredByPattern(ns));
      findings.add(trusted
          ? Finding.ok(ns, "trust-subject", target.subject(ns))
          : Finding.problem(ns, "trust-subject", FindingState.MISSING, "the role does not trust " + target.subject(ns),
              "apply()"));
      findings.addAll(workloadFindings(ns, snapshot, settings.serviceAccount(), target.roleArn()));
    }
    for (ControlPlane cp : context.space().pending()) {
      findings.add(Finding.notProvisioned(cp));
    }
    return new VerificationReport(findings);
  }

  private static List<Finding> roleFindings(RoleObservation role, IrsaSettings settings, BucketCheck bucket) {
    List<Finding> out = RoleFindings.existence(role, settings);
    if (role.role().isPresent()) {
      out.add(RoleFindings.permissionPolicy(role, settings, bucket.s3Access()));
      out.addAll(RoleFindings.guardrails(role, settings));
    }
    return out;
  }

  /** The service account's annotation and the pods' environment of one host namespace. */
  static List<Finding> workloadFindings(String ns, ClusterSnapshot snapshot, String serviceAccount, String roleArn) {
    List<Finding> out = new ArrayList<>();
    Optional<ServiceAccountInfo> sa = snapshot.serviceAccount(ns);
    String annotation = sa.map(s -> s.annotations().get(HelmValues.ROLE_ARN_ANNOTATION)).orElse(null);
    boolean annotated = roleArn.equals(annotation);
    if (sa.isEmpty()) {
      out.add(Finding.problem(ns, "service-account", FindingState.MISSING, "no service account " + serviceAccount,
          "enable billing in the Space (billing.enabled=true)"));
    } else if (annotation == null) {
      out.add(Finding.problem(ns, "service-account-annotation", FindingState.MISSING,
          serviceAccount + " has no " + HelmValues.ROLE_ARN_ANNOTATION + " annotation",
          "set the Helm values (helmValues()) with helm upgrade"));
    } else if (!annotated) {
      out.add(Finding.problem(ns, "service-account-annotation", FindingState.DRIFTED,
          serviceAccount + " is annotated with " + annotation + ", not " + roleArn,
          "set the Helm values (helmValues()) with helm upgrade"));
    } else {
      out.add(Finding.ok(ns, "service-account-annotation", roleArn));
    }

    List<PodInfo> pods = snapshot.pods(ns);
    if (pods.isEmpty()) {
      out.add(Finding.problem(ns, "pods", FindingState.NOT_RUNNING, "no vector pod is running",
          "check the vector workload: kubectl get pods -n " + ns));
      return out;
    }
    List<PodInfo> stale = pods.stream().filter(p -> !hasIdentity(p, roleArn)).toList();
    if (stale.isEmpty()) {
      out.add(Finding.ok(ns, "pod-env", pods.size() + " pod(s) carry " + ROLE_ARN_ENV + "=" + roleArn));
    } else if (!annotated) {
      out.add(Finding.problem(ns, "pod-env", FindingState.MISSING,
          stale.size() + " pod(s) lack IRSA credentials; a restart will not help until the annotation is set",
          "set the Helm values, then restartStale()"));
    } else {
      Optional<WorkloadRef> workload = workloadOf(stale.get(0), snapshot);
      String detail = stale.size() + " pod(s) started before the identity and lack " + ROLE_ARN_ENV + "=" + roleArn;
      out.add(workload.map(w -> Finding.stalePods(ns, w, detail))
          .orElseGet(() -> Finding.problem(ns, "pod-env", FindingState.STALE_PODS, detail,
              "delete the pods so that they are recreated")));
    }
    return out;
  }

  private static boolean hasIdentity(PodInfo pod, String roleArn) {
    return roleArn.equals(pod.env().get(ROLE_ARN_ENV)) && TOKEN_FILE.equals(pod.env().get(TOKEN_FILE_ENV));
  }

  private static Optional<WorkloadRef> workloadOf(PodInfo pod, ClusterSnapshot snapshot) {
    return pod.workload().or(() -> snapshot.workloads(pod.namespace()).stream().findFirst().map(WorkloadInfo::ref));
  }
}
