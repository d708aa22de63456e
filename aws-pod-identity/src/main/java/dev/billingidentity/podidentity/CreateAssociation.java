package dev.billingidentity.podidentity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.ResourceInUseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pod identity association of one control plane: its host namespace, vector's service account and the
 * billing role, tagged as the library's (the guide's {@code aws eks create-pod-identity-association}).
 *
 * <p>Idempotent: when EKS answers {@code ResourceInUseException} (an earlier apply got this far, or a concurrent
 * applier did), the existing association is read: the library's with the billing role is done, the library's with
 * another role is updated, and one the library did not create fails with {@link AssociationConflictException} unless
 * it already names the billing role (then there is nothing to do, and nothing of it is touched). Throttling and the
 * seconds in which EKS does not see a new role yet are retried.
 *
 * <p>Two creations are equal when they create the same association, whoever they tell of the outcome.
 *
 * @param association what to create
 * @param outcome told of the association as EKS holds it once this change is applied (what the create answered,
 *     or the existing one it settled on), so that the apply's verification need not describe it again
 */
public record CreateAssociation(NewAssociation association, Consumer<Association> outcome) implements Change {
  private static final Logger LOG = LoggerFactory.getLogger(CreateAssociation.class);
  /** Rounds of create-then-read: the existing association may vanish between EKS's refusal and the read. */
  private static final int ROUNDS = 3;

  /** Refuses a null association or outcome. */
  public CreateAssociation {
    Objects.requireNonNull(association, "association");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Creates {@code association}, telling nobody of the outcome. */
  public CreateAssociation(NewAssociation association) {
    this(association, a -> { });
  }

  @Override
  public String kind() {
    return "CreatePodIdentityAssociation";
  }

  @Override
  public String describe() {
    return "+ create pod identity association " + association.namespace() + "/" + association.serviceAccount()
        + " -> " + association.roleArn();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("clusterName", association.clusterName());
    node.put("namespace", association.namespace());
    node.put("serviceAccount", association.serviceAccount());
    node.put("roleArn", association.roleArn());
    node.set("tags", ChangeJson.MAPPER.valueToTree(association.tags()));
    return node;
  }

  @Override
  public boolean concurrent() {
    return true;
  }

  @Override
  public void apply(ApplyContext context) {
    for (int round = 1; ; round++) {
      ResourceInUseException inUse;
      try {
        outcome.accept(context.retry().call("CreatePodIdentityAssociation " + association.namespace(),
            () -> context.aws().eks().createPodIdentityAssociation(association), AssociationWrites::retryable));
        return;
      } catch (ResourceInUseException e) {
        inUse = e;
      }
      Optional<Association> existing = AssociationWrites.current(context, association.clusterName(),
          association.namespace(), association.serviceAccount());
      if (existing.isPresent()) {
        settle(context, existing.get());
        return;
      }
      if (round >= ROUNDS) {
        throw inUse;
      }
    }
  }

  private void settle(ApplyContext context, Association existing) {
    boolean rightRole = existing.roleArn().equals(association.roleArn());
    if (AssociationWrites.owned(existing)) {
      if (!rightRole) {
        LOG.info("association {} of {}/{} is the library's but names {}; pointing it at {}",
            existing.associationId(), existing.namespace(), existing.serviceAccount(), existing.roleArn(),
            association.roleArn());
        outcome.accept(AssociationWrites.pointAt(context, existing, association.roleArn()));
      } else {
        outcome.accept(existing);
      }
      return;
    }
    if (!rightRole) {
      throw new AssociationConflictException(existing, association.roleArn());
    }
    // Someone else created it in the meantime with the billing role: vector gets its identity, and the library
    // leaves an association it did not create alone (it will not delete it either).
    LOG.warn("association {} of {}/{} was created by someone else with the billing role; leaving it as it is",
        existing.associationId(), existing.namespace(), existing.serviceAccount());
    outcome.accept(existing);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CreateAssociation c && c.association.equals(association);
  }

  @Override
  public int hashCode() {
    return association.hashCode();
  }

  @Override
  public String toString() {
    return "CreateAssociation[" + association + "]";
  }
}
