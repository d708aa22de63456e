package dev.billingidentity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.calls.CallCounts;
import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results' JSON as text, for consumers that do not use Jackson 2 (a Spring Boot 4 application runs Jackson 3):
 * the same document as {@code toJson()}, parseable by any JSON reader.
 */
class JsonTextTest {
  private static final ObjectMapper READER = new ObjectMapper();
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/spaces-billing";

  private static Plan plan() {
    return Plan.builder(IdentityMode.IRSA, ROLE_ARN,
            HelmValues.irsa(BillingStorage.s3("us-east-1", "acme-billing"), ROLE_ARN))
        .note("control plane team-a/cp2 is not provisioned yet: \"quoted\"")
        .build();
  }

  private static VerificationReport report() {
    return new VerificationReport(List.of(Finding.problem("team-a/cp1", "trust", FindingState.DRIFTED,
        "subject missing", "apply")));
  }

  /** The tree as a JSON writer writes it and a reader reads it back (numbers lose their Java width). */
  private static JsonNode written(JsonNode tree) throws IOException {
    return READER.readTree(READER.writeValueAsString(tree));
  }

  @Test
  void planReportAndResultTextIsTheirJsonDocument() throws IOException {
    Plan plan = plan();
    VerificationReport report = report();
    ApplyResult result = new ApplyResult(plan, List.of(), report, new CallCounts(Map.of("iam.getRole", 1L)),
        Duration.ofMillis(12));

    assertThat(READER.readTree(plan.toJsonString())).isEqualTo(written(plan.toJson()));
    assertThat(READER.readTree(report.toJsonString())).isEqualTo(written(report.toJson()));
    assertThat(READER.readTree(result.toJsonString())).isEqualTo(written(result.toJson()));
    assertThat(READER.readTree(plan.toJsonString()).get("notes").get(0).asText())
        .isEqualTo("control plane team-a/cp2 is not provisioned yet: \"quoted\"");
  }
}
