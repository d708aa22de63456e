package dev.billingidentity.podidentity;

import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import java.util.Optional;

/** What the association changes share: which answers to retry, and how to read the association they act on. */
final class AssociationWrites {
  private AssociationWrites() {}

  /**
   * Whether a failed create or update is worth trying again: throttling and server errors, and
   * {@code InvalidParameterException}, which is how EKS answers while IAM has not yet made a new role visible to it
   * (IAM is eventually consistent; it takes seconds). A parameter that is really wrong fails the same way on every
   * attempt and is reported once the attempts are used up.
   */
  static boolean retryable(RuntimeException e) {
    return Retry.transientAws(e) || e instanceof InvalidParameterException;
  }

  /** The association of {@code namespace}/{@code serviceAccount} as EKS holds it now, or empty. */
  static Optional<Association> current(ApplyContext context, String cluster, String namespace, String serviceAccount) {
    Optional<AssociationSummary> summary = context.retry().call("ListPodIdentityAssociations " + namespace,
            () -> context.aws().eks().listAllPodIdentityAssociations(cluster, namespace))
        .stream()
        .filter(s -> s.namespace().equals(namespace) && s.serviceAccount().equals(serviceAccount))
        .findFirst();
    return summary.flatMap(s -> describe(context, cluster, s.associationId()));
  }

  /** The association with {@code associationId}, or empty when it is gone. */
  static Optional<Association> describe(ApplyContext context, String cluster, String associationId) {
    try {
      return Optional.of(context.retry().call("DescribePodIdentityAssociation " + associationId,
          () -> context.aws().eks().describePodIdentityAssociation(cluster, associationId)));
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  /**
   * Points the library's association at {@code roleArn}, retrying while EKS does not see the role yet.
   *
   * @return the association as EKS answered the update
   */
  static Association pointAt(ApplyContext context, Association association, String roleArn) {
    return context.retry().call("UpdatePodIdentityAssociation " + association.associationId(),
        () -> context.aws().eks().updatePodIdentityAssociation(association.clusterName(),
            association.associationId(), roleArn),
        AssociationWrites::retryable);
  }

  static boolean owned(Association association) {
    return Ownership.isOwned(association.tags());
  }
}
