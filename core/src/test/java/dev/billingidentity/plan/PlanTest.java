package dev.billingidentity.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.role.CreateRole;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.role.PutRolePolicy;
import dev.billingidentity.role.ReplaceOwnedStatements;
import dev.billingidentity.role.UpdateTrustPolicy;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.workload.RestartWorkload;
import java.util.List;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** A plan as people and programs read it: its JSON, its rendering, and whether it is empty. */
class PlanTest {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";
  private static final String NAMESPACE = "mxp-706c49fa-5bb8-4a7e-9f41-2fc38ef4b065-system";
  private static final Statement IRSA = BillingPolicies.irsaStatement(ACCOUNT, ISSUER,
      List.of(BillingPolicies.subject(NAMESPACE, "vector")));
  private static final Function<PolicyDocument, TrustCapacity> CAPACITY =
      doc -> new TrustCapacity(doc.size(), 2048, 1, 19);

  private static UpdateTrustPolicy updateTrust() {
    return new UpdateTrustPolicy("spaces-billing",
        new ReplaceOwnedStatements(BillingPolicies.IRSA_SID, List.of(IRSA)), 2048, CAPACITY);
  }

  private static Plan plan() {
    PolicyDocument trust = PolicyDocument.of(IRSA);
    return Plan.builder(IdentityMode.IRSA, ROLE_ARN, HelmValues.irsa(STORAGE, ROLE_ARN))
        .add(new CreateRole(new NewRole("spaces-billing", "/", trust.toJson(), "billing role",
            Ownership.tags("spaces-prod")), updateTrust()))
        .add(new PutRolePolicy("spaces-billing", "billing-identity-s3", BillingPolicies.s3Access(STORAGE)))
        .add(updateTrust())
        .add(new RestartWorkload(new WorkloadRef(WorkloadKind.STATEFULSET, NAMESPACE, "vector"),
            "pods started before the role ARN annotation"))
        .note("control plane default/ctp-2 is not provisioned yet")
        .capacity(new TrustCapacity(543, 2048, 1, 19))
        .build();
  }

  @Test
  void jsonListsTheChangeKindsInPlanOrder() {
    JsonNode json = plan().toJson();

    assertThat(StreamSupport.stream(json.get("changes").spliterator(), false).map(c -> c.get("change").asText()))
        .containsExactly("CreateRole", "PutRolePolicy", "UpdateTrustPolicy", "RestartWorkload");
    assertThat(json.get("mode").asText()).isEqualTo("irsa");
    assertThat(json.get("roleArn").asText()).isEqualTo(ROLE_ARN);
    assertThat(json.get("notes")).hasSize(1);
    assertThat(json.get("notes").get(0).asText()).isEqualTo("control plane default/ctp-2 is not provisioned yet");
    assertThat(json.has("blocker")).isFalse();
  }

  @Test
  void jsonSaysWhatEachChangeWillWrite() {
    JsonNode changes = plan().toJson().get("changes");

    JsonNode create = changes.get(0);
    assertThat(create.get("roleName").asText()).isEqualTo("spaces-billing");
    assertThat(create.get("path").asText()).isEqualTo("/");
    assertThat(create.get("trustPolicy")).isEqualTo(PolicyDocument.of(IRSA).toJsonNode());
    assertThat(create.get("tags").get(Ownership.TAG_KEY).asText()).isEqualTo(Ownership.TAG_VALUE);
    assertThat(create.get("description").asText()).startsWith("+ create role spaces-billing");

    JsonNode put = changes.get(1);
    assertThat(put.get("policyName").asText()).isEqualTo("billing-identity-s3");
    assertThat(put.get("policy")).isEqualTo(BillingPolicies.s3Access(STORAGE).toJsonNode());

    JsonNode update = changes.get(2);
    assertThat(update.get("roleName").asText()).isEqualTo("spaces-billing");
    assertThat(update.at("/edit/edit").asText()).isEqualTo("replaceOwnedStatements");
    assertThat(update.at("/edit/sidPrefix").asText()).isEqualTo(BillingPolicies.IRSA_SID);
    assertThat(update.at("/edit/statements")).hasSize(1);
    assertThat(update.at("/edit/statements/0")).isEqualTo(IRSA.toJsonNode());

    JsonNode restart = changes.get(3);
    assertThat(restart.get("kind").asText()).isEqualTo("statefulset");
    assertThat(restart.get("namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(restart.get("name").asText()).isEqualTo("vector");
    assertThat(restart.get("reason").asText()).isEqualTo("pods started before the role ARN annotation");
  }

  @Test
  void jsonCarriesTheTrustCapacityAndTheHelmValuesAndReadsBack() throws Exception {
    ObjectNode json = plan().toJson();

    assertThat(json.at("/trustPolicy/size").asInt()).isEqualTo(543);
    assertThat(json.at("/trustPolicy/quota").asInt()).isEqualTo(2048);
    assertThat(json.at("/trustPolicy/subjects").asInt()).isEqualTo(1);
    assertThat(json.at("/trustPolicy/moreSubjectsThatFit").asInt()).isEqualTo(19);
    assertThat(json.get("helmValues")).isEqualTo(HelmValues.irsa(STORAGE, ROLE_ARN).toJson());
    String text = ChangeJson.MAPPER.writeValueAsString(json);
    assertThat(ChangeJson.MAPPER.readTree(text)).isEqualTo(json);
  }

  @Test
  void renderShowsOneLinePerChangeThenCapacityAndNotes() {
    assertThat(plan().render()).isEqualTo(String.join("\n",
        "IRSA plan for arn:aws:iam::123456789012:role/spaces-billing: 4 changes",
        "  + create role spaces-billing (path /, tagged billing-identity.dev/managed-by)",
        "  ~ put inline policy billing-identity-s3 on role spaces-billing",
        "  ~ update trust policy of role spaces-billing: set the library's statements to [BillingIdentityIrsa]",
        "  ~ restart statefulset/vector -n " + NAMESPACE + " (pods started before the role ARN annotation)",
        "  (trust policy 543/2048 characters, 1 subjects, room for 19 more)",
        "  note: control plane default/ctp-2 is not provisioned yet",
        ""));
    assertThat(plan()).hasToString(plan().render());
  }

  @Test
  void aPlanWithoutChangesIsEmpty() {
    Plan empty = Plan.builder(IdentityMode.POD_IDENTITY, ROLE_ARN, HelmValues.podIdentity(STORAGE)).build();

    assertThat(empty.isEmpty()).isTrue();
    assertThat(plan().isEmpty()).isFalse();
    assertThat(empty.render()).isEqualTo("Pod Identity plan for " + ROLE_ARN + ": no changes\n");
    assertThat(empty.toJson().get("changes")).isEmpty();
    assertThat(empty.toJson().get("mode").asText()).isEqualTo("pod-identity");
    assertThat(empty.toJson().has("trustPolicy")).isFalse();
    assertThat(empty.capacity()).isEmpty();
  }

  @Test
  void oneChangeIsSingular() {
    Plan one = Plan.builder(IdentityMode.IRSA, ROLE_ARN, HelmValues.irsa(STORAGE, ROLE_ARN)).add(updateTrust()).build();

    assertThat(one.render()).startsWith("IRSA plan for " + ROLE_ARN + ": 1 change\n");
  }

  @Test
  void aBlockedPlanSaysWhyInTextAndJson() {
    Plan blocked = Plan.builder(IdentityMode.IRSA, ROLE_ARN, HelmValues.irsa(STORAGE, ROLE_ARN))
        .add(updateTrust())
        .blocker(new BillingIdentityException("the trust policy would be 2125 characters"))
        .build();

    assertThat(blocked.blocker()).isPresent();
    assertThat(blocked.render()).endsWith("  BLOCKED: the trust policy would be 2125 characters\n");
    assertThat(blocked.toJson().get("blocker").asText()).isEqualTo("the trust policy would be 2125 characters");
  }

  @Test
  void theFirstBlockerStaysTheBlockerAndLaterOnesBecomeNotes() {
    Plan blocked = Plan.builder(IdentityMode.IRSA, ROLE_ARN, HelmValues.irsa(STORAGE, ROLE_ARN))
        .blocker(new BillingIdentityException("the billing bucket acme-billing does not exist"))
        .blocker(new BillingIdentityException("the trust policy would be 2125 characters"))
        .build();

    assertThat(blocked.blocker()).get().extracting(Throwable::getMessage)
        .isEqualTo("the billing bucket acme-billing does not exist");
    assertThat(blocked.notes()).containsExactly("also blocked: the trust policy would be 2125 characters");
  }

  @Test
  void theChangesOfAPlanCannotBeModified() {
    Plan plan = plan();

    assertThatThrownBy(() -> plan.changes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(plan.changes()).hasSize(4);
  }
}
