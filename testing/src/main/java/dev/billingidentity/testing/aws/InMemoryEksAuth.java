package dev.billingidentity.testing.aws;

import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.ClusterInfo;
import dev.billingidentity.testing.aws.iam.Decision;
import dev.billingidentity.testing.aws.iam.RequestContext;
import dev.billingidentity.testing.aws.iam.TrustPolicyEvaluator;
import dev.billingidentity.testing.aws.iam.TrustRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EKS Auth's {@code AssumeRoleForPodIdentity} for one {@link InMemoryAws} account, as the EKS Pod Identity agent meets
 * it:
 *
 * <ol>
 *   <li>the cluster must exist ({@code ResourceNotFoundException});</li>
 *   <li>the token must be a signed JWT of the cluster's own OIDC issuer, signed by one of its keys
 *       ({@link InMemoryAws#trustIssuerKeys}), for the audience {@code pods.eks.amazonaws.com}
 *       ({@code InvalidTokenException}), and not expired ({@code ExpiredTokenException});</li>
 *   <li>its subject's namespace and service account must have an association
 *       ({@code ResourceNotFoundException});</li>
 *   <li>the association's role (as IAM has propagated it) must trust the service principal
 *       {@code pods.eks.amazonaws.com} for both {@code sts:AssumeRole} and {@code sts:TagSession}, with
 *       {@code aws:SourceAccount} (the account), {@code aws:SourceArn} (the cluster's ARN), the session tags EKS adds
 *       as {@code aws:RequestTag/...} and their keys as {@code aws:TagKeys} ({@code AccessDeniedException}).</li>
 * </ol>
 *
 * <p>Then it issues a session tagged as EKS tags it ({@code eks-cluster-arn}, {@code eks-cluster-name},
 * {@code kubernetes-namespace}, {@code kubernetes-service-account}, and {@code kubernetes-pod-name} and
 * {@code kubernetes-pod-uid} when the token is bound to a pod). The messages of the refusals are this fake's own words:
 * AWS documents the codes, not the texts. The token is never logged, nor put in an exception.
 */
final class InMemoryEksAuth {
  static final String SERVICE = "EKS Auth";
  static final String OPERATION = "AssumeRoleForPodIdentity";
  /** The only audience EKS Auth accepts. */
  static final String AUDIENCE = "pods.eks.amazonaws.com";
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryEksAuth.class);
  private static final String SUBJECT_PREFIX = "system:serviceaccount:";
  private static final Duration SESSION = Duration.ofHours(6);

  private final InMemoryAws account;

  InMemoryEksAuth(InMemoryAws account) {
    this.account = Objects.requireNonNull(account, "account");
  }

  AssumedRole assumeRoleForPodIdentity(String clusterName, String tokenText) {
    account.enter(OPERATION, false);
    synchronized (account) {
      ClusterInfo cluster = account.clusterInfo(clusterName).orElseThrow(() ->
          AwsErrors.eksAuthNotFound("No cluster found for name: " + clusterName + "."));
      String issuer = cluster.oidcIssuer().orElseThrow();
      IdentityToken token = IdentityToken.parse(tokenText).orElseThrow(() ->
          AwsErrors.eksAuthInvalidToken("The token is not a valid JWT"));
      if (!token.issuer().map(issuer::equals).orElse(false)) {
        throw AwsErrors.eksAuthInvalidToken("The token was not issued by the OIDC issuer of cluster " + clusterName);
      }
      boolean signed = account.issuerKeys(issuer).map(token::signedBy).orElse(false);
      if (!signed) {
        throw AwsErrors.eksAuthInvalidToken("The signature of the token could not be verified with the keys of "
            + "cluster " + clusterName);
      }
      if (!token.audiences().contains(AUDIENCE)) {
        throw AwsErrors.eksAuthInvalidToken("The token's audience must be " + AUDIENCE + ", was "
            + token.audiences());
      }
      Instant now = account.now();
      if (token.expiry().isEmpty() || !now.isBefore(token.expiry().get())) {
        throw AwsErrors.eksAuthExpiredToken("The token expired at " + token.expiry().map(Instant::toString).orElse("?"));
      }
      String subject = token.subject().orElse("");
      String[] parts = subject.startsWith(SUBJECT_PREFIX) ? subject.substring(SUBJECT_PREFIX.length()).split(":")
          : new String[0];
      if (parts.length != 2) {
        throw AwsErrors.eksAuthInvalidToken("The token's subject is not a service account: " + subject);
      }
      String namespace = parts[0];
      String serviceAccount = parts[1];
      Association association = account.associationFor(clusterName, namespace, serviceAccount).orElseThrow(() ->
          AwsErrors.eksAuthNotFound("No Pod Identity Association found for service account " + serviceAccount
              + " in namespace " + namespace + " of cluster " + clusterName));
      InMemoryAws.AssumableRole role = account.assumableRole(association.roleArn()).orElseThrow(() ->
          AwsErrors.eksAuthAccessDenied("Failed to assume role " + association.roleArn() + ": it does not exist"));
      Map<String, String> tags = sessionTags(cluster, namespace, serviceAccount, token);
      RequestContext.Builder context = RequestContext.builder()
          .put("aws:SourceAccount", account.account().id())
          .put("aws:SourceArn", cluster.arn())
          .put("aws:TagKeys", List.copyOf(tags.keySet()));
      tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, v));
      RequestContext built = context.build();
      for (String action : List.of("sts:AssumeRole", "sts:TagSession")) {
        Decision decision = TrustPolicyEvaluator.evaluate(role.trust(),
            TrustRequest.service(AUDIENCE, action, built));
        LOG.debug("EKS Auth {} {} for role {} and {}/{}: {} by statement {} {}", OPERATION, action, role.arn(),
            namespace, serviceAccount, decision.outcome(), decision.statement(), decision.notes());
        if (!decision.allowed()) {
          throw AwsErrors.eksAuthAccessDenied("Failed to assume role " + role.arn() + ": its trust policy does not "
              + "allow " + AUDIENCE + " to " + action + " for cluster " + cluster.arn());
        }
      }
      String pod = token.kubernetes("pod", "name").orElse(serviceAccount);
      String session = ("eks-" + clusterName + "-" + pod + "-" + UUID.randomUUID());
      return account.issueSession(role, session.length() > 64 ? session.substring(0, 64) : session,
          now.plus(SESSION), tags);
    }
  }

  /** The session tags EKS Pod Identity adds, in EKS's order. */
  private static Map<String, String> sessionTags(ClusterInfo cluster, String namespace, String serviceAccount,
      IdentityToken token) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("eks-cluster-arn", cluster.arn());
    tags.put("eks-cluster-name", cluster.name());
    tags.put("kubernetes-namespace", namespace);
    tags.put("kubernetes-service-account", serviceAccount);
    Optional<String> pod = token.kubernetes("pod", "name");
    pod.ifPresent(name -> tags.put("kubernetes-pod-name", name));
    token.kubernetes("pod", "uid").ifPresent(uid -> tags.put("kubernetes-pod-uid", uid));
    return tags;
  }
}
