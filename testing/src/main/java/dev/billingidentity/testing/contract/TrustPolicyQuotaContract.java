package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.NewRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IAM's trust policy size quota (2,048 characters by default, L-C07B4B0D, counted on the minified JSON): a larger
 * trust is refused with {@code LimitExceeded: Cannot exceed quota for ACLSizePerRole: <quota>} (HTTP 409), and
 * accepted once the quota is raised. moto does not model this quota; the fakes do.
 *
 * <p>Each test sets the quota it needs first, so the kit may share one account between tests.
 */
public abstract class TrustPolicyQuotaContract {
  /** The port under test. */
  protected abstract IamPort iam();

  /** Raises (or sets) the account's trust policy quota, as an approved Service Quotas request would. */
  protected abstract void setTrustPolicyQuota(int quota);

  /** A valid trust policy of exactly {@code size} characters, minified. */
  protected static String trustOfSize(int size) {
    String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/t\":\"";
    String tail = "\"}}}]}";
    String json = head + "x".repeat(size - head.length() - tail.length()) + tail;
    if (PolicyDocument.parse(json).size() != size) {
      throw new IllegalStateException("padding arithmetic is off");
    }
    return json;
  }

  @Test
  void aTrustPolicyOneCharacterOverTheQuotaIsRefusedWithAwsMessageAndAcceptedOnceRaised() {
    setTrustPolicyQuota(2048);
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", trustOfSize(2048), "quota", Map.of()));

    assertThatThrownBy(() -> iam().updateTrustPolicy(name, trustOfSize(2049)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Cannot exceed quota for ACLSizePerRole: 2048")
        .satisfies(e -> assertThat(((LimitExceededException) e).errorCode()).isEqualTo("LimitExceeded"))
        .satisfies(e -> assertThat(((LimitExceededException) e).statusCode()).isEqualTo(409));
    assertThat(PolicyDocument.parse(iam().findRole(name).orElseThrow().trustPolicyJson()).size()).isEqualTo(2048);

    setTrustPolicyQuota(4096);
    iam().updateTrustPolicy(name, trustOfSize(2049));
    assertThat(PolicyDocument.parse(iam().findRole(name).orElseThrow().trustPolicyJson()).size()).isEqualTo(2049);
  }

  @Test
  void aRoleWhoseTrustPassesTheQuotaIsNotCreated() {
    setTrustPolicyQuota(2048);
    String name = IamPortContract.uniqueRole();

    assertThatThrownBy(() -> iam().createRole(new NewRole(name, "/", trustOfSize(2049), "quota", Map.of())))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Cannot exceed quota for ACLSizePerRole: 2048");
    assertThat(iam().findRole(name)).isEmpty();
  }

  @Test
  void theMessageNamesTheAccountsCurrentQuota() {
    setTrustPolicyQuota(4096);
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", trustOfSize(4096), "quota", Map.of()));

    assertThatThrownBy(() -> iam().updateTrustPolicy(name, trustOfSize(4097)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Cannot exceed quota for ACLSizePerRole: 4096");
  }

  @Test
  void whiteSpaceOutsideStringsIsNotCounted() {
    setTrustPolicyQuota(2048);
    String name = IamPortContract.uniqueRole();
    String pretty = PolicyDocument.parse(trustOfSize(2048)).toPrettyJson();
    assertThat(pretty.length()).isGreaterThan(2048);

    iam().createRole(new NewRole(name, "/", pretty, "quota", Map.of()));

    assertThat(PolicyDocument.parse(iam().findRole(name).orElseThrow().trustPolicyJson()).size()).isEqualTo(2048);
  }
}
