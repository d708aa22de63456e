package dev.billingidentity.spi.cluster;

import dev.billingidentity.space.ControlPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The host cluster, in the domain's words. Implemented by the fabric8 adapter and by the in-memory fake. Reads are
 * cluster-wide lists, so their number does not grow with the number of control planes.
 */
public interface ClusterPort {
  /**
   * The Space's control planes ({@code spaces.upbound.io/v1beta1 ControlPlane}), with their host namespaces;
   * control planes without a {@code status.controlPlaneID} yet, or whose host namespace does not exist, come back not
   * provisioned. One whose host namespace Spaces did not label for it comes back not provisioned with the reason, as
   * {@link dev.billingidentity.space.HostNamespaceTrust#judge} decides (with the query's opt-in).
   */
  List<ControlPlane> discoverControlPlanes(ControlPlaneQuery query);

  /**
   * Namespaces, service accounts named {@code serviceAccount}, vector workloads and their pods, each workload with its
   * pod template's container images and each pod with its own (a rollout may leave pods on an older image).
   */
  ClusterSnapshot observe(Set<String> hostNamespaces, String serviceAccount);

  /**
   * Restarts a workload as {@code kubectl rollout restart} does: sets the pod template annotation
   * {@code kubectl.kubernetes.io/restartedAt} to {@code at} (RFC 3339).
   */
  void restart(WorkloadRef workload, Instant at);

  /**
   * Waits until the workload's rollout is complete (observed generation, updated and ready replicas). Throws
   * {@link ClusterApiException} with reason {@code TIMEOUT} when it is not complete within {@code timeout}.
   */
  void awaitRollout(WorkloadRef workload, Duration timeout);

  /**
   * Requests a token for a service account through the Kubernetes TokenRequest API
   * ({@code POST /api/v1/namespaces/{namespace}/serviceaccounts/{serviceAccount}/token}), as
   * {@code kubectl create token} does: a JWT signed by the cluster's service-account issuer, with
   * {@code sub = system:serviceaccount:<namespace>:<serviceAccount>}, {@code aud = [audience]} and an expiry of
   * {@code expiry} (Kubernetes refuses less than ten minutes, and may shorten a long one).
   *
   * <p>The token is a credential: whoever holds it is the service account to its audience until it expires. Never log
   * it, print it or put it in an exception message; hand it only to the audience it was made for.
   *
   * <p>RBAC it needs: {@code create} on {@code serviceaccounts/token} (the library asks it only for {@code vector}).
   *
   * @param namespace the service account's namespace
   * @param serviceAccount the service account's name
   * @param audience the token's one audience, e.g. {@code sts.amazonaws.com} (IRSA) or {@code pods.eks.amazonaws.com}
   *     (EKS Pod Identity)
   * @param expiry how long the token is valid; at least ten minutes
   * @return the token (a compact JWS)
   * @throws ClusterApiException {@code NOT_FOUND} when the service account (or its namespace) does not exist,
   *     {@code FORBIDDEN} when the library may not request tokens for it, {@code OTHER} when the API server refuses
   *     the request (e.g. an expiry under ten minutes) or fails
   */
  String requestServiceAccountToken(String namespace, String serviceAccount, String audience, Duration expiry);
}
