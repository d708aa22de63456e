package dev.billingidentity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.TestResources;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.Partition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Space's Helm values: the guide's {@code --set} lines exactly, and the same values as YAML and JSON. */
class HelmValuesTest {
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", "acme-billing");
  private static final String ROLE_ARN =
      IamRole.named("spaces-billing").arn(AwsAccount.of("123456789012", Partition.AWS));

  @Test
  void irsaFlagsAreTheGuidesSetLines() {
    List<String> guide = TestResources.lines("guide/irsa-helm-set-flags.txt");

    assertThat(ROLE_ARN).isEqualTo("arn:aws:iam::123456789012:role/spaces-billing");
    assertThat(HelmValues.irsa(STORAGE, ROLE_ARN).setFlags()).containsExactlyElementsOf(guide);
  }

  @Test
  void podIdentityFlagsAreTheGuidesSetLinesWithoutAnAnnotation() {
    List<String> guide = TestResources.lines("guide/pod-identity-helm-set-flags.txt").stream()
        .map(l -> l.strip().replaceAll("\\s*\\\\$", ""))
        .toList();

    assertThat(HelmValues.podIdentity(STORAGE).setFlags()).containsExactlyElementsOf(guide);
    assertThat(HelmValues.podIdentity(STORAGE).setFlags()).noneMatch(f -> f.contains("role-arn"));
  }

  @Test
  void theAnnotationKeyIsEscapedForHelmAndSpelledAsEksReadsIt() {
    String flag = HelmValues.irsa(STORAGE, ROLE_ARN).setFlags().get(5);

    assertThat(flag).contains("customAnnotations.\"eks\\.amazonaws\\.com/role-arn\"=\"" + ROLE_ARN + "\"");
    assertThat(HelmValues.ROLE_ARN_ANNOTATION).isEqualTo("eks.amazonaws.com/role-arn");
    assertThat(String.join("\n", HelmValues.irsa(STORAGE, ROLE_ARN).setFlags())).doesNotContain("eks.amazon.aws");
  }

  @Test
  void theSecretRefNameIsSetToTheEmptyString() {
    assertThat(HelmValues.irsa(STORAGE, ROLE_ARN).setFlags()).contains("--set \"billing.storage.secretRef.name=\"");
    assertThat(HelmValues.podIdentity(STORAGE).setFlags()).contains("--set \"billing.storage.secretRef.name=\"");
    assertThat(HelmValues.irsa(STORAGE, ROLE_ARN).toJson().at("/billing/storage/secretRef/name").textValue()).isEmpty();
    assertThat(HelmValues.podIdentity(STORAGE).toYaml()).contains("    secretRef:\n      name: \"\"\n");
  }

  /** The YAML with double quotes around non-empty scalars removed: quoting a string changes nothing in YAML. */
  private static String unquoted(String yaml) {
    return yaml.replaceAll(": \"([^\"]+)\"\n", ": $1\n");
  }

  @Test
  void irsaYaml() {
    assertThat(unquoted(HelmValues.irsa(STORAGE, ROLE_ARN).toYaml())).isEqualTo("""
        billing:
          enabled: true
          storage:
            provider: aws
            aws:
              region: us-east-1
              bucket: acme-billing
            secretRef:
              name: ""
        controlPlanes:
          vector:
            serviceAccount:
              customAnnotations:
                eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/spaces-billing
        """);
  }

  @Test
  void podIdentityYamlHasNoAnnotation() {
    assertThat(unquoted(HelmValues.podIdentity(STORAGE).toYaml())).isEqualTo("""
        billing:
          enabled: true
          storage:
            provider: aws
            aws:
              region: us-east-1
              bucket: acme-billing
            secretRef:
              name: ""
        """);
  }

  @Test
  void irsaJson() throws Exception {
    JsonNode expected = new ObjectMapper().readTree("""
        {"billing":{"enabled":true,"storage":{"provider":"aws","aws":{"region":"us-east-1","bucket":"acme-billing"},
          "secretRef":{"name":""}}},
         "controlPlanes":{"vector":{"serviceAccount":{"customAnnotations":
          {"eks.amazonaws.com/role-arn":"arn:aws:iam::123456789012:role/spaces-billing"}}}}}
        """);

    assertThat(HelmValues.irsa(STORAGE, ROLE_ARN).toJson()).isEqualTo(expected);
    assertThat(HelmValues.irsa(STORAGE, ROLE_ARN).toJson().get("billing").get("enabled").isBoolean()).isTrue();
  }

  @Test
  void podIdentityJsonHasNoControlPlanesSection() {
    JsonNode json = HelmValues.podIdentity(STORAGE).toJson();

    assertThat(json.has("controlPlanes")).isFalse();
    assertThat(json.at("/billing/storage/aws/bucket").textValue()).isEqualTo("acme-billing");
    assertThat(json.at("/billing/storage/provider").textValue()).isEqualTo("aws");
  }

  @Test
  void theModeDecidesTheAnnotation() {
    assertThat(HelmValues.of(IdentityMode.IRSA, STORAGE, ROLE_ARN)).isEqualTo(HelmValues.irsa(STORAGE, ROLE_ARN));
    assertThat(HelmValues.of(IdentityMode.IRSA, STORAGE, ROLE_ARN).roleArnAnnotation()).contains(ROLE_ARN);
    assertThat(HelmValues.of(IdentityMode.POD_IDENTITY, STORAGE, ROLE_ARN)).isEqualTo(HelmValues.podIdentity(STORAGE));
    assertThat(HelmValues.podIdentity(STORAGE).roleArnAnnotation()).isEmpty();
    assertThat(HelmValues.podIdentity(STORAGE)).isNotEqualTo(HelmValues.irsa(STORAGE, ROLE_ARN));
  }

  @Test
  void valuesFollowTheStoragesRegionAndBucketAndTheRolesPartition() {
    BillingStorage gov = BillingStorage.s3("us-gov-west-1", "gov-billing");
    String govArn = IamRole.builder().name("billing").path("/spaces/").build()
        .arn(AwsAccount.of("123456789012", Partition.AWS_US_GOV));

    assertThat(HelmValues.irsa(gov, govArn).setFlags()).containsExactly(
        "--set \"billing.enabled=true\"",
        "--set \"billing.storage.provider=aws\"",
        "--set \"billing.storage.aws.region=us-gov-west-1\"",
        "--set \"billing.storage.aws.bucket=gov-billing\"",
        "--set \"billing.storage.secretRef.name=\"",
        "--set controlPlanes.vector.serviceAccount.customAnnotations.\"eks\\.amazonaws\\.com/role-arn\""
            + "=\"arn:aws-us-gov:iam::123456789012:role/spaces/billing\"");
  }

  @Test
  void toStringIsTheTailOfTheGuidesHelmUpgradeCommand() {
    String guide = TestResources.text("guide/pod-identity-helm-set-flags.txt").stripTrailing();

    assertThat("  " + HelmValues.podIdentity(STORAGE)).isEqualTo(guide);
  }
}
