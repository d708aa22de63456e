package dev.billingidentity.podidentity;

import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one operation knows of the service account's associations, by namespace: as its plan (or an earlier
 * verification) described them, or as EKS answered its own creates and updates. Kept in the operation's
 * {@linkplain StrategyContext#state state}, so that the verification after an apply reuses it instead of describing
 * every association again ({@code ListPodIdentityAssociations} carries no role: each one would be a
 * {@code DescribePodIdentityAssociation}).
 *
 * <p>Only the verification after an apply reads it, to report; a plan never does: whether to write or delete is
 * always decided on what EKS answers in that plan, and each update and deletion describes its association again
 * before it writes. A namespace this holds nothing for is described as before.
 */
final class KnownAssociations {
  private final Map<String, Association> byNamespace = new ConcurrentHashMap<>();

  /** This operation's record, made on first use. */
  static KnownAssociations of(StrategyContext context) {
    return context.state(KnownAssociations.class, KnownAssociations::new);
  }

  /** Associations as EKS described them. */
  void described(Map<String, Association> associations) {
    byNamespace.putAll(associations);
  }

  /** An association as EKS answered a write (create or update) of it, or as a change found it. */
  void wrote(Association association) {
    byNamespace.put(association.namespace(), association);
  }

  /** The association of {@code namespace}, if this operation has read or written it. */
  Optional<Association> get(String namespace) {
    return Optional.ofNullable(byNamespace.get(namespace));
  }
}
