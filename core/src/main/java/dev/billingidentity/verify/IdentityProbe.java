package dev.billingidentity.verify;

import dev.billingidentity.IdentityMode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.cluster.ClusterApiException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vector's own chain, walked for each control plane: a token for its {@code vector} service account (the Kubernetes
 * TokenRequest API; audience {@code sts.amazonaws.com} for IRSA, {@code pods.eks.amazonaws.com} for Pod Identity),
 * exchanged for the role's credentials (STS {@code AssumeRoleWithWebIdentity}, or EKS Auth
 * {@code AssumeRoleForPodIdentity}), then S3 {@code HeadBucket} on the billing bucket with those credentials. One
 * finding per control plane ({@code subject} its host namespace, {@code check} {@value #CHECK}): it reaches the bucket,
 * or the step and AWS's error that stop it, with the remedy. A step that cannot be made (the token cannot be
 * requested, AWS does not answer) is {@link FindingState#UNKNOWN}, never OK.
 *
 * <p>Neither the token nor the session's credentials are logged, kept or put in a finding: the token lives for the
 * two calls that use it, the credentials for the one {@code HeadBucket}.
 */
public final class IdentityProbe {
  /** The check's name in the findings. */
  public static final String CHECK = "probe";
  /** The session name of the probe's STS sessions, so that CloudTrail tells them from vector's own. */
  public static final String SESSION_NAME = "billing-identity-probe";
  /** The service account the probe asks tokens for: vector's, and only vector's. */
  public static final String SERVICE_ACCOUNT = "vector";
  private static final Logger LOG = LoggerFactory.getLogger(IdentityProbe.class);

  private IdentityProbe() {}

  /** One finding per provisioned control plane (or the first {@code options.sample()} of them). */
  public static List<Finding> probe(StrategyContext ctx, VerifyOptions options) {
    List<ControlPlane> all = ctx.space().provisioned();
    int n = options.sample().orElse(all.size());
    List<Finding> findings = new ArrayList<>();
    for (ControlPlane cp : all.subList(0, Math.min(n, all.size()))) {
      Finding f = probe(ctx, cp.hostNamespace().orElseThrow(), options);
      LOG.debug("probe of {}: {}", f.subject(), f.state());
      findings.add(f);
    }
    return findings;
  }

  /** vector's chain in one host namespace. */
  static Finding probe(StrategyContext ctx, String namespace, VerifyOptions options) {
    IdentitySettings settings = ctx.settings();
    boolean irsa = settings.mode() == IdentityMode.IRSA;
    String subject = "system:serviceaccount:" + namespace + ":" + SERVICE_ACCOUNT;
    String audience = irsa ? "sts.amazonaws.com" : "pods.eks.amazonaws.com";
    String token;
    try {
      token = ctx.cluster().requestServiceAccountToken(namespace, SERVICE_ACCOUNT, audience, options.tokenExpiry());
    } catch (ClusterApiException e) {
      return tokenRefused(namespace, e);
    }
    String roleArn = settings.role().arn(ctx.account());
    String exchange = irsa ? "STS AssumeRoleWithWebIdentity" : "EKS Auth AssumeRoleForPodIdentity";
    AssumedRole session;
    try {
      session = irsa
          ? ctx.aws().sts().assumeRoleWithWebIdentity(roleArn, SESSION_NAME, token)
          : ctx.aws().eks().assumeRoleForPodIdentity(settings.cluster(), token);
    } catch (AccessDeniedException e) {
      return irsa
          ? problem(namespace, FindingState.MISSING, exchange + " refused (" + e.errorCode() + "): role "
              + settings.role().name() + " refuses this subject: " + subject, "apply() adds it to the role's trust; "
              + "if apply() ran seconds ago, IAM may not have propagated it yet: verify again")
          : problem(namespace, FindingState.MISSING, exchange + " refused (" + e.errorCode() + "): "
              + QuotedAws.message(e), "apply(): the role's trust must let pods.eks.amazonaws.com sts:AssumeRole and "
              + "sts:TagSession for cluster " + settings.cluster() + "; or the probe's own credentials lack "
              + "eks-auth:AssumeRoleForPodIdentity on it");
    } catch (InvalidTokenException e) {
      return tokenRejected(ctx, namespace, exchange, e);
    } catch (NoSuchEntityException e) {
      return problem(namespace, FindingState.MISSING, exchange + " found nothing (" + e.errorCode() + "): "
          + QuotedAws.message(e), "apply() creates the Pod Identity association of " + namespace + "/vector");
    } catch (AwsServiceException e) {
      return problem(namespace, FindingState.UNKNOWN, exchange + " failed, so the chain could not be checked: "
          + e.errorCode() + " (HTTP " + e.statusCode() + "): " + QuotedAws.message(e), "verify --probe again");
    }
    if (!session.roleName().equals(settings.role().name())) {
      return problem(namespace, FindingState.DRIFTED, exchange + " gave role " + session.roleName() + ", not "
          + settings.role().name(), "apply() points the association at " + settings.role().name());
    }
    BillingStorage storage = settings.storage();
    BucketStatus status;
    try {
      status = ctx.aws().s3().findBucketAs(session.credentials(), storage);
    } catch (AwsServiceException e) {
      return problem(namespace, FindingState.UNKNOWN, "S3 HeadBucket with role " + session.roleName()
          + "'s credentials failed, so the bucket could not be checked: " + e.errorCode() + " (HTTP "
          + e.statusCode() + "): " + QuotedAws.message(e), "verify --probe again");
    }
    return switch (status.answer()) {
      case FOUND -> Finding.ok(namespace, CHECK, "vector's token reaches bucket " + storage.bucket() + " as role "
          + session.roleName() + " (" + exchange + ", then S3 HeadBucket)");
      case FORBIDDEN -> problem(namespace, FindingState.MISSING, "S3 HeadBucket refused (403) role "
          + session.roleName() + " on bucket " + storage.bucket(), "apply() writes the role's S3 policy; if it is "
          + "there, a service control policy, the role's permissions boundary or the bucket's policy denies "
          + "s3:ListBucket");
      case NOT_FOUND -> problem(namespace, FindingState.MISSING, "bucket " + storage.bucket() + " does not exist",
          "create it, or name the bucket vector writes to");
      case IN_ANOTHER_REGION -> problem(namespace, FindingState.DRIFTED, "bucket " + storage.bucket() + " is in "
          + status.region().orElse("another region") + ", not " + storage.region(),
          "set the storage region to " + status.region().orElse("the bucket's"));
    };
  }

  private static Finding tokenRefused(String namespace, ClusterApiException e) {
    String remedy = switch (e.reason()) {
      case NOT_FOUND -> "vector's service account is not there: is billing enabled (billing.enabled=true)?";
      case FORBIDDEN -> "let the probe create tokens for vector: create on serviceaccounts/token with "
          + "resourceNames [vector] (the operator's RBAC with the probe enabled)";
      default -> "verify --probe again";
    };
    return problem(namespace, FindingState.UNKNOWN, "could not request a token for vector, so the chain could not "
        + "be checked: " + e.getMessage(), remedy);
  }

  private static Finding tokenRejected(StrategyContext ctx, String namespace, String exchange,
      InvalidTokenException e) {
    String what = exchange + " refused vector's token (" + e.errorCode() + "): " + QuotedAws.message(e);
    if (e.expired()) {
      return problem(namespace, FindingState.UNKNOWN, what, "the token expired before AWS read it: check the "
          + "clocks of the cluster and of this machine, then verify --probe again");
    }
    String message = QuotedAws.message(e);
    if (message.contains("No OpenIDConnect provider")) {
      return problem(namespace, FindingState.MISSING, what, "apply() creates the cluster's IAM OIDC provider");
    }
    if (message.contains("audience")) {
      return problem(namespace, FindingState.DRIFTED, what, "add sts.amazonaws.com to the client ids of the "
          + "cluster's IAM OIDC provider");
    }
    return problem(namespace, FindingState.DRIFTED, what, "the token's issuer is not cluster "
        + ctx.settings().cluster() + "'s, or its keys are not the ones AWS knows: is the kubeconfig's cluster the "
        + "one the settings name?");
  }

  private static Finding problem(String namespace, FindingState state, String detail, String remedy) {
    return Finding.problem(namespace, CHECK, state, detail, remedy);
  }

  /** AWS's own message of an error, without the library's prefix. */
  private static final class QuotedAws {
    static String message(AwsServiceException e) {
      String prefix = e.service() + " " + e.operation() + " failed: " + e.errorCode() + " (HTTP " + e.statusCode()
          + "): ";
      String m = e.getMessage();
      return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
  }
}
