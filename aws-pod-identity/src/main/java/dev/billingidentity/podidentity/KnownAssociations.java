package dev.billingidentity.podidentity;

import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.Association;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one operation learnt of the associations, by namespace: as EKS answered this apply's creates and updates
 * ({@linkplain #wrote written}), and as its plan (or a verification before the apply, for a restart) described
 * those the plan leaves untouched ({@linkplain #read read}). Kept in the operation's
 * {@linkplain StrategyContext#state state} so that the verification after the apply need not describe again an
 * association this apply already holds an answer for ({@code ListPodIdentityAssociations} carries no role: each one
 * would be a {@code DescribePodIdentityAssociation}). A no-op re-apply of N associations so describes each once.
 *
 * <p>Either answer is used only while the verification's own fresh list still shows that very association (the same
 * id) in the namespace: an association deleted, or deleted and made again, during the apply is described again (or
 * reported missing), never reported from the older answer. A read is never used for a namespace the plan changes:
 * what the change's write answered is newer. What this cannot see is a role changed in place
 * ({@code UpdatePodIdentityAssociation} keeps the id, and the list carries no role) by someone else between this
 * operation's answer and its verification's list: that verification reports the role it was told of, and the next
 * verification or apply, which describes afresh, sees the change ({@code PodIdentityChangesDuringApplyTest}).
 */
final class KnownAssociations {
  private final Map<String, Association> written = new ConcurrentHashMap<>();
  private final Map<String, Association> read = new ConcurrentHashMap<>();

  /** This operation's record, made on first use. */
  static KnownAssociations of(StrategyContext context) {
    return context.state(KnownAssociations.class, KnownAssociations::new);
  }

  /** An association as EKS answered this apply's write (create or update) of it. */
  void wrote(Association association) {
    written.put(association.namespace(), association);
  }

  /**
   * Associations as this operation described them before its changes, except those of {@code changing}, the
   * namespaces whose association the plan writes or deletes (what the write answers is newer than the read).
   */
  void read(Map<String, Association> described, Set<String> changing) {
    described.forEach((ns, a) -> {
      if (!changing.contains(ns)) {
        read.put(ns, a);
      }
    });
    changing.forEach(read::remove);
  }

  /**
   * What this operation holds of the association in {@code namespace} whose id is {@code listedId} (as a fresh list
   * shows it): the answer to this apply's write of it, else what was read of it before, if either is of that id.
   */
  Optional<Association> known(String namespace, String listedId) {
    return Optional.ofNullable(written.get(namespace))
        .or(() -> Optional.ofNullable(read.get(namespace)))
        .filter(a -> a.associationId().equals(listedId));
  }
}
