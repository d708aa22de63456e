package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.plan.Change;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.spi.aws.Association;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The association diff as a pure function: what is created, updated, deleted, left alone, and when it blocks. */
class AssociationPlannerTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final String CLUSTER_ARN = "arn:aws:eks:us-east-1:123456789012:cluster/spaces-prod";
  private static final String ROLE = "arn:aws:iam::123456789012:role/spaces-billing";
  private static final String OTHER_ROLE = "arn:aws:iam::123456789012:role/someone-else";
  private static final PodIdentityTarget TARGET = new PodIdentityTarget(PodIdentitySettings.builder()
      .cluster("spaces-prod")
      .role(IamRole.named("spaces-billing"))
      .storage(BillingStorage.s3("us-east-1", "acme-billing"))
      .build(), ACCOUNT, CLUSTER_ARN, ROLE);

  private static Association owned(String ns, String role) {
    return new Association("a-" + ns, "arn:a-" + ns, "spaces-prod", ns, "vector", role, Ownership.tags("spaces-prod"));
  }

  private static Association foreign(String ns, String role) {
    return new Association("a-" + ns, "arn:a-" + ns, "spaces-prod", ns, "vector", role, Map.of("team", "platform"));
  }

  private static List<String> kinds(AssociationPlan plan) {
    return plan.changes().stream().map(Change::kind).toList();
  }

  @Test
  void createsTheMissingOnesTaggedAndUpdatesOnlyTheLibrarysOwn() {
    Map<String, Association> existing = Map.of(
        "ns-ok", owned("ns-ok", ROLE),
        "ns-drifted", owned("ns-drifted", OTHER_ROLE));
    AssociationPlan plan = AssociationPlanner.plan(TARGET, List.of("ns-new", "ns-ok", "ns-drifted"), existing,
        Set.of(), true, 2);

    assertThat(kinds(plan)).containsExactly("UpdatePodIdentityAssociation", "CreatePodIdentityAssociation");
    CreateAssociation create = (CreateAssociation) plan.changes().get(1);
    assertThat(create.association().namespace()).isEqualTo("ns-new");
    assertThat(create.association().serviceAccount()).isEqualTo("vector");
    assertThat(create.association().roleArn()).isEqualTo(ROLE);
    assertThat(Ownership.isOwned(create.association().tags())).isTrue();
    UpdateAssociation update = (UpdateAssociation) plan.changes().get(0);
    assertThat(update.associationId()).isEqualTo("a-ns-drifted");
    assertThat(update.toRoleArn()).isEqualTo(ROLE);
    assertThat(plan.changes()).allMatch(Change::concurrent);
    assertThat(plan.associationsAfter()).isEqualTo(3);
    assertThat(plan.blocker()).isEmpty();
  }

  @Test
  void neverTouchesNorDuplicatesAForeignAssociationAndReportsAConflictWhenItNamesAnotherRole() {
    Map<String, Association> existing = Map.of(
        "ns-conflict", foreign("ns-conflict", OTHER_ROLE),
        "ns-fine", foreign("ns-fine", ROLE));
    AssociationPlan plan = AssociationPlanner.plan(TARGET, List.of("ns-conflict", "ns-fine"), existing,
        Set.of(), true, 2);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts()).containsExactly("ns-conflict");
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("conflict:").contains("a-ns-conflict")
        .contains("aws eks delete-pod-identity-association --cluster-name spaces-prod --association-id a-ns-conflict"));
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("1 association(s) not created by billing-identity"));
  }

  @Test
  void prunesOnlyTheLibrarysAssociationsOfControlPlanesThatAreGone() {
    Map<String, Association> existing = Map.of(
        "ns-gone-mine", owned("ns-gone-mine", ROLE),
        "ns-gone-theirs", foreign("ns-gone-theirs", ROLE));
    AssociationPlan plan = AssociationPlanner.plan(TARGET, List.of(), existing,
        Set.of("ns-gone-mine", "ns-gone-theirs"), true, 2);

    assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(DeleteAssociation.class, d -> {
      assertThat(d.associationId()).isEqualTo("a-ns-gone-mine");
      assertThat(d.concurrent()).isTrue();
    });
    assertThat(plan.associationsAfter()).isEqualTo(1);
  }

  @Test
  void keepsEverythingAndSaysSoWhenPruningIsOff() {
    AssociationPlan plan = AssociationPlanner.plan(TARGET, List.of(), Map.of(), Set.of("ns-gone"), false, 1);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("pruning is off").contains("ns-gone"));
  }

  @Test
  void blocksPastFiveThousandAssociations() {
    List<String> namespaces = IntStream.range(0, PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER + 1)
        .mapToObj(i -> "mxp-" + i + "-system").toList();
    AssociationPlan plan = AssociationPlanner.plan(TARGET, namespaces, Map.of(), Set.of(), true, 0);

    assertThat(plan.blocker()).hasValueSatisfying(b -> {
      assertThat(b.creates()).isEqualTo(5001);
      assertThat(b.getMessage()).contains("5001 pod identity associations").contains("cannot be raised");
    });
  }

  @Test
  void deletionsThatMakeRoomRunBeforeTheCreationsOneAtATime() {
    Map<String, Association> existing = new HashMap<>();
    existing.put("ns-gone-1", owned("ns-gone-1", ROLE));
    existing.put("ns-gone-2", owned("ns-gone-2", ROLE));
    AssociationPlan plan = AssociationPlanner.plan(TARGET, List.of("ns-new-1", "ns-new-2"), existing,
        Set.of("ns-gone-1", "ns-gone-2"), true, PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER);

    assertThat(plan.blocker()).isEmpty();
    assertThat(kinds(plan)).containsExactly("DeletePodIdentityAssociation", "DeletePodIdentityAssociation",
        "CreatePodIdentityAssociation", "CreatePodIdentityAssociation");
    assertThat(plan.changes().subList(0, 2)).noneMatch(Change::concurrent);
    assertThat(plan.changes().subList(2, 4)).allMatch(Change::concurrent);
    assertThat(plan.associationsAfter()).isEqualTo(PodIdentitySettings.MAX_ASSOCIATIONS_PER_CLUSTER);
  }
}
