package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IAM's quotas besides the trust policy's ({@link TrustPolicyQuotaContract}): 100 OIDC providers per account, 10,240
 * characters of inline policies per role, 50 tags per role. Past them IAM answers {@code LimitExceeded} (HTTP 409),
 * which the library must report and not retry. moto does not model them.
 */
public abstract class IamQuotaContract {
  /** The port under test. */
  protected abstract IamPort iam();

  /** A permission policy of exactly {@code size} characters, minified. */
  protected static String policyOfSize(int size) {
    String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::";
    String tail = "/*\"}]}";
    String json = head + "b".repeat(size - head.length() - tail.length()) + tail;
    if (PolicyDocument.parse(json).size() != size) {
      throw new IllegalStateException("padding arithmetic is off");
    }
    return json;
  }

  private static void assertLimitExceeded(Throwable e) {
    assertThat(e).isInstanceOf(LimitExceededException.class);
    assertThat(((AwsServiceException) e).errorCode()).isEqualTo("LimitExceeded");
    assertThat(((AwsServiceException) e).statusCode()).isEqualTo(409);
  }

  @Test
  void theHundredAndFirstOidcProviderOfAnAccountIsRefused() {
    List<String> created = new ArrayList<>();
    try {
      for (int i = iam().listOidcProviderArns().size(); i < 100; i++) {
        created.add(iam().createOidcProvider(new NewOidcProvider(IamPortContract.uniqueIssuer(),
            List.of("sts.amazonaws.com"), List.of(), Map.of())));
      }

      assertThatThrownBy(() -> iam().createOidcProvider(new NewOidcProvider(IamPortContract.uniqueIssuer(),
          List.of("sts.amazonaws.com"), List.of(), Map.of()))).satisfies(IamQuotaContract::assertLimitExceeded);
      assertThat(iam().listOidcProviderArns()).hasSize(100);
    } finally {
      created.forEach(arn -> iam().deleteOidcProvider(arn));
    }
  }

  @Test
  void inlinePoliciesOfOneRoleMayTogetherHoldTenThousandTwoHundredAndFortyCharacters() {
    String name = IamPortContract.uniqueRole();
    iam().createRole(new NewRole(name, "/", IamPortContract.TRUST, "", Map.of()));
    iam().putRolePolicy(name, "a", policyOfSize(6000));

    assertThatThrownBy(() -> iam().putRolePolicy(name, "b", policyOfSize(4241)))
        .satisfies(IamQuotaContract::assertLimitExceeded);
    iam().putRolePolicy(name, "b", policyOfSize(4240));
    assertThat(iam().listRolePolicyNames(name)).containsExactly("a", "b");
    // Replacing a policy counts its new size, not both.
    iam().putRolePolicy(name, "a", policyOfSize(5000));
  }

  @Test
  void aRoleHoldsAtMostFiftyTags() {
    String name = IamPortContract.uniqueRole();
    Map<String, String> fifty = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    iam().createRole(new NewRole(name, "/", IamPortContract.TRUST, "", fifty));

    assertThatThrownBy(() -> iam().tagRole(name, Map.of("one-more", "v")))
        .satisfies(IamQuotaContract::assertLimitExceeded);
    iam().tagRole(name, Map.of("k0", "replaced"));
    assertThat(iam().findRole(name).orElseThrow().tags()).hasSize(50).containsEntry("k0", "replaced");
  }
}
