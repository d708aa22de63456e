package dev.billingidentity.podidentity;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.validation.Problems;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a Space's billing from IRSA to EKS Pod Identity, step by step, without a moment in which a vector pod has no
 * credentials:
 *
 * <pre>{@code
 * BillingIdentity podIdentity = BillingIdentity.podIdentity(podIdentitySettings)
 *     .forControlPlanes(ControlPlanes.discovered());
 * PodIdentityMigration migration = PodIdentityMigration.from(podIdentity, irsaSettings);
 *
 * System.out.println(migration.plan(MigrationStep.CREATE_ASSOCIATIONS));    // review, then
 * migration.apply(MigrationStep.CREATE_ASSOCIATIONS);                       // trust statement + associations
 * System.out.println(migration.plan(MigrationStep.DROP_ANNOTATION));        // what to set: helm upgrade ...
 * migration.apply(MigrationStep.RESTART_WORKLOADS);                         // pods move to Pod Identity
 * migration.apply(MigrationStep.REMOVE_IRSA_TRUST);                         // on request, last
 * System.out.println(migration.status().render());
 * }</pre>
 *
 * <p>Each step's plan is computed from what AWS and the cluster hold when it is asked for, and its changes are
 * idempotent: a step may be run again, and a migration interrupted anywhere continues with {@link #status()}'s
 * {@link MigrationStatus#nextStep() next step}. A step that would leave pods without credentials is blocked before
 * any write. Instances are immutable.
 */
public final class PodIdentityMigration {
  private static final Logger LOG = LoggerFactory.getLogger(PodIdentityMigration.class);

  private final BillingIdentity podIdentity;
  private final IrsaSettings irsa;

  private PodIdentityMigration(BillingIdentity podIdentity, IrsaSettings irsa) {
    this.podIdentity = podIdentity;
    this.irsa = irsa;
  }

  /**
   * A migration of the control planes of {@code podIdentity} (its settings, backends and control planes) from the
   * IRSA setup described by {@code irsa}. IRSA and Pod Identity may use the same role (their trust statements
   * coexist) or different ones.
   *
   * @throws dev.billingidentity.validation.InvalidInputException when the two do not describe the same cluster and
   *     service account, or {@code podIdentity} is not in Pod Identity mode
   */
  public static PodIdentityMigration from(BillingIdentity podIdentity, IrsaSettings irsa) {
    Objects.requireNonNull(podIdentity, "podIdentity");
    Objects.requireNonNull(irsa, "irsa");
    Problems p = new Problems();
    if (p.require(podIdentity.settings() instanceof PodIdentitySettings, "podIdentity",
        podIdentity.settings().mode().id(), "a BillingIdentity made with BillingIdentity.podIdentity(...)")) {
      p.require(irsa.cluster().equals(podIdentity.settings().cluster()), "irsa.cluster", irsa.cluster(),
          "the same cluster as the Pod Identity settings (" + podIdentity.settings().cluster() + ")");
      p.require(irsa.serviceAccount().equals(podIdentity.settings().serviceAccount()), "irsa.serviceAccount",
          irsa.serviceAccount(), "the same service account as the Pod Identity settings ("
              + podIdentity.settings().serviceAccount() + ")");
    }
    p.throwIfAny();
    return new PodIdentityMigration(podIdentity, irsa);
  }

  /** Where the migration stands and which step comes next. Only reads. */
  public MigrationStatus status() {
    return MigrationObservation.read(podIdentity.newContext(), irsa).status();
  }

  /** What {@code step} would change now, with notes and the Helm values to show. Only reads. */
  public Plan plan(MigrationStep step) {
    return MigrationPlanner.plan(Objects.requireNonNull(step, "step"), podIdentity.newContext(), irsa);
  }

  /**
   * Plans {@code step} from the current state and applies it, then verifies Pod Identity (the verification shows
   * what is left, e.g. the annotation until step 2 is done).
   *
   * @throws dev.billingidentity.BillingIdentityException the plan's blocker, before any write, when the step must
   *     not run yet (it would leave pods without credentials)
   */
  public ApplyResult apply(MigrationStep step) {
    Objects.requireNonNull(step, "step");
    LOG.info("migration to Pod Identity: {} ({})", step, step.summary());
    return podIdentity.applyWith(ctx -> MigrationPlanner.plan(step, ctx, irsa));
  }

  /** The Pod Identity side of the migration. */
  public BillingIdentity podIdentity() {
    return podIdentity;
  }

  /** The IRSA setup migrated from. */
  public IrsaSettings irsa() {
    return irsa;
  }
}
