package dev.billingidentity.podidentity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.spi.cluster.PodInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodCredentialsTest {
  private static final Map<String, String> IRSA = Map.of(
      "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/spaces-billing",
      "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token");
  private static final Map<String, String> POD_IDENTITY = Map.of(
      "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
      "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token");

  private static PodInfo pod(Map<String, String> env) {
    return new PodInfo("mxp-a-system", "vector-0", "vector", Optional.empty(), "Running", true, Instant.EPOCH, env,
        List.of());
  }

  @Test
  void podIdentityOnlyWhenItsVariablesAreSetAndIrsasAreNot() {
    Map<String, String> both = new HashMap<>(IRSA);
    both.putAll(POD_IDENTITY);

    assertThat(PodCredentials.of(pod(POD_IDENTITY))).isEqualTo(PodCredentials.POD_IDENTITY);
    assertThat(PodCredentials.of(pod(IRSA))).isEqualTo(PodCredentials.WEB_IDENTITY);
    // The SDKs' default chain tries web identity before container credentials: IRSA wins while both are set.
    assertThat(PodCredentials.of(pod(both))).isEqualTo(PodCredentials.WEB_IDENTITY);
    assertThat(PodCredentials.of(pod(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"))))
        .isEqualTo(PodCredentials.NONE);
    assertThat(PodCredentials.of(pod(Map.of()))).isEqualTo(PodCredentials.NONE);
  }
}
