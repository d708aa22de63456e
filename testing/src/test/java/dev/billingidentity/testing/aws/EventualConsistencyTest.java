package dev.billingidentity.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's eventual consistency on request: what EKS and STS see lags behind what IAM answers. */
class EventualConsistencyTest {
  private static final String POD_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
  private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final InMemoryAws aws = new InMemoryAws();

  private NewAssociation association(String roleArn) {
    return new NewAssociation("c", "mxp-a-system", "vector", roleArn, Map.of());
  }

  @Test
  void aNewRoleReachesEksOnlyAfterTheSetNumberOfCalls() {
    aws.givenCluster("c");
    aws.visibilityDelay(3);
    String arn = aws.createRole(new NewRole("fresh", "/", POD_TRUST, "", Map.of())).arn();

    assertThat(aws.findRole("fresh")).isPresent(); // IAM itself answers at once
    assertThatThrownBy(() -> aws.createPodIdentityAssociation(association(arn)))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("InvalidParameterException (HTTP 400)");
    assertThat(aws.propagatedTrustPolicy("fresh")).isEmpty();

    assertThat(aws.createPodIdentityAssociation(association(arn)).roleArn()).isEqualTo(arn);
    assertThat(aws.propagatedTrustPolicy("fresh")).contains(POD_TRUST);
  }

  @Test
  void aNewRoleReachesEksOnlyAfterTheSetDelay() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-28T19:00:00Z"));
    aws.clock(clock).visibilityDelay(Duration.ofSeconds(5));
    aws.givenCluster("c");
    String arn = aws.createRole(new NewRole("fresh", "/", POD_TRUST, "", Map.of())).arn();

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> aws.createPodIdentityAssociation(association(arn)))
          .isInstanceOf(InvalidParameterException.class);
    }
    clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> aws.createPodIdentityAssociation(association(arn)))
        .isInstanceOf(InvalidParameterException.class);

    clock.advance(Duration.ofSeconds(1));
    assertThat(aws.createPodIdentityAssociation(association(arn)).roleArn()).isEqualTo(arn);
  }

  @Test
  void aTrustChangeReachesEksLateSoEksJudgesTheRoleByItsPreviousTrustMeanwhile() {
    aws.givenCluster("c");
    String arn = aws.createRole(new NewRole("migrating", "/", EC2_TRUST, "", Map.of())).arn();
    aws.visibilityDelay(3);

    aws.updateTrustPolicy("migrating", POD_TRUST); // call 2: EKS sees it from call 5 on

    assertThat(aws.findRole("migrating").orElseThrow().trustPolicyJson()).isEqualTo(POD_TRUST);
    assertThat(aws.propagatedTrustPolicy("migrating")).contains(EC2_TRUST);
    assertThatThrownBy(() -> aws.createPodIdentityAssociation(association(arn)))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Trust policy of the role provided is invalid");
    Association created = aws.createPodIdentityAssociation(association(arn));
    assertThat(created.roleArn()).isEqualTo(arn);
    assertThat(aws.propagatedTrustPolicy("migrating")).contains(POD_TRUST);
  }

  @Test
  void withoutADelayEverythingIsVisibleAtOnce() {
    aws.givenCluster("c");
    String arn = aws.createRole(new NewRole("r", "/", POD_TRUST, "", Map.of())).arn();

    assertThat(aws.propagatedTrustPolicy("r")).contains(POD_TRUST);
    assertThat(aws.createPodIdentityAssociation(association(arn)).roleArn()).isEqualTo(arn);
  }

  @Test
  void aSeededRoleHasPropagatedLongAgo() {
    aws.visibilityDelay(1_000).visibilityDelay(Duration.ofHours(1));
    aws.givenCluster("c");
    aws.givenRole("old", POD_TRUST, Map.of());

    assertThat(aws.createPodIdentityAssociation(association("arn:aws:iam::123456789012:role/old"))).isNotNull();
  }
}
