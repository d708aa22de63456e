package dev.billingidentity.podidentity;

import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The associations one apply wrote, by namespace, as EKS answered its creates and updates. Kept in the operation's
 * {@linkplain StrategyContext#state state} so that the verification after the apply need not describe again an
 * association it has just been handed ({@code ListPodIdentityAssociations} carries no role: each one would be a
 * {@code DescribePodIdentityAssociation}).
 *
 * <p>Only writes are kept, never what a plan or a verification described: that is older than the apply, and
 * someone may have deleted or replaced the association since. The verification uses a written association only
 * while its own fresh list still shows that very association (the same id) in the namespace; anything else is
 * described again. What this cannot see is a role change made by someone else to an association in the moments
 * between this apply's write and its verification's list; the next verification sees it.
 */
final class KnownAssociations {
  private final Map<String, Association> byNamespace = new ConcurrentHashMap<>();

  /** This operation's record, made on first use. */
  static KnownAssociations of(StrategyContext context) {
    return context.state(KnownAssociations.class, KnownAssociations::new);
  }

  /** An association as EKS answered this apply's write (create or update) of it. */
  void wrote(Association association) {
    byNamespace.put(association.namespace(), association);
  }

  /** The association this apply wrote in {@code namespace}, if any. */
  Optional<Association> written(String namespace) {
    return Optional.ofNullable(byNamespace.get(namespace));
  }
}
