package dev.billingidentity.awssdk.moto;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.testing.contract.IamQuotaContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link IamQuotaContract} kit against moto 5.2.1, which models none of these quotas: no test of the kit can pass
 * on moto, and none is counted as if it did. Each runs through {@link KitOnMoto} and must fail by moto accepting the
 * call IAM refuses with {@code LimitExceeded} (HTTP 409), so the day moto models a quota this class says so:
 * <ul>
 *   <li>OpenID Connect providers: moto has no per-account limit (IAM: 100);</li>
 *   <li>inline role policies: moto has no size limit (IAM: 10,240 non-white-space characters for all of a role's
 *       inline policies together);</li>
 *   <li>tags: moto refuses more than 50 in one request ({@code ValidationError}), but not a role that would hold more
 *       than 50 in all (IAM: {@code LimitExceeded}).</li>
 * </ul>
 * The quotas are tested over HTTP on the fake AWS server ({@code SdkIamQuotaContractTest}) and in memory.
 */
class MotoIamQuotaContractTest {
  @RegisterExtension
  static final MotoEndpoint moto = new MotoEndpoint();

  @TestFactory
  List<DynamicTest> theKitOnMoto() {
    IamQuotaContract kit = new IamQuotaContract() {
      @Override
      protected IamPort iam() {
        return moto.backend().iam();
      }
    };
    return KitOnMoto.tests(kit, Set.of(), Map.of(
        "theHundredAndFirstOidcProviderOfAnAccountIsRefused", "no limit on OIDC providers",
        "inlinePoliciesOfOneRoleMayTogetherHoldTenThousandTwoHundredAndFortyCharacters", "no inline policy size limit",
        "aRoleHoldsAtMostFiftyTags", "only a request's tags are counted, not the role's"));
  }
}
