package dev.billingidentity.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.kubernetes.controller.ReconcileOutcome;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorTest {
  private static final Map<String, String> ENV = Map.of("BILLING_MODE", "irsa", "BILLING_CLUSTER", FakeSpace.CLUSTER,
      "BILLING_ROLE_NAME", "spaces-billing", "BILLING_BUCKET", "acme-billing", "BILLING_REGION", "us-east-1",
      "POD_NAMESPACE", "billing-identity");

  @Test
  void configurationComesFromTheEnvironmentAndEveryProblemIsReportedAtOnce() {
    OperatorConfig config = OperatorConfig.fromEnvironment(ENV);
    assertThat(config.settings()).isInstanceOf(IrsaSettings.class);
    assertThat(config.leaseNamespace()).isEqualTo("billing-identity");

    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("BILLING_MODE", "kiam")))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems()).hasSize(5));
  }

  @Test
  void aMissingVariableDoesNotHideTheProblemsOfTheOthers() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> OperatorConfig.fromEnvironment(
        Map.of("BILLING_MODE", "pod-identity", "BILLING_CLUSTER", "spaces prod", "BILLING_BUCKET", "Bad_Bucket",
            "BILLING_GROUPS", "team-a,Team_B")));

    assertThat(e.problems()).extracting(Problem::field, Problem::value).containsExactlyInAnyOrder(
        tuple("BILLING_GROUPS", "Team_B"), tuple("BILLING_CLUSTER", "spaces prod"),
        tuple("BILLING_ROLE_NAME", null), tuple("BILLING_REGION", null), tuple("BILLING_BUCKET", "Bad_Bucket"));
  }

  @Test
  void aReconcileConvergesAndASecondOneWritesNothing() {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    BillingIdentity identity = BillingIdentity.irsa((IrsaSettings) OperatorConfig.fromEnvironment(ENV).settings())
        .using(space.aws().backend(), space.cluster());

    ReconcileOutcome first = BillingIdentityOperator.reconcile(identity);
    space.applyHelmValues(identity.plan().helmValues());
    ReconcileOutcome second = BillingIdentityOperator.reconcile(identity);
    ReconcileOutcome third = BillingIdentityOperator.reconcile(identity);

    assertThat(first.writes()).isEqualTo(3);
    assertThat(second.writes()).as("restarts of the pods that predate the annotation").isEqualTo(3);
    assertThat(third.writes()).isZero();
    assertThat(third.summary()).contains("healthy");
  }

  @Test
  void theManifestsGrantOnlyTheVerbsTheCodeUses() throws Exception {
    String manifests = Files.readString(Path.of("operator/operator.yaml"));

    assertThat(manifests).contains("replicas: 2").contains("resources: [\"leases\"]")
        .doesNotContain("\"*\"").doesNotContain("delete").doesNotContain("secrets");
  }

  @Test
  void theProbesRbacIsApartAndGrantsOnlyTokensForVector() throws Exception {
    String operator = Files.readString(Path.of("operator/operator.yaml"));
    String probe = Files.readString(Path.of("operator/probe-rbac.yaml"));

    assertThat(operator).as("no token power unless the probe is enabled").doesNotContain("serviceaccounts/token");
    assertThat(probe.lines().filter(l -> !l.startsWith("#")).toList())
        .contains("    resources: [\"serviceaccounts/token\"]", "    resourceNames: [\"vector\"]",
            "    verbs: [\"create\"]")
        .noneMatch(l -> l.contains("\"*\"") || l.contains("get") || l.contains("list") || l.contains("secrets"));
  }
}
