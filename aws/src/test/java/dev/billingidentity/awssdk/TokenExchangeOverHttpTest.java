package dev.billingidentity.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.ServiceAccountIssuer;
import dev.billingidentity.testing.cluster.TokenForgery;
import dev.billingidentity.testing.server.FakeAwsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * vector's chain over real HTTP, through the SDK adapters, against the fake AWS server: a service account's token
 * exchanged by STS {@code AssumeRoleWithWebIdentity} or EKS Auth {@code AssumeRoleForPodIdentity}, then
 * {@code HeadBucket} signed with the session's credentials; and each refusal as its typed exception.
 */
class TokenExchangeOverHttpTest {
  private static final String NS = "mxp-11111111-1111-1111-1111-111111111111-system";
  private static final BillingStorage BILLING = BillingStorage.s3("us-east-1", "acme-billing");
  private static final String S3_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::acme-billing\"}]}";

  private final InMemoryAws fake = new InMemoryAws();
  private final String issuer = fake.givenCluster("spaces-prod");
  private final ServiceAccountIssuer tokens = new ServiceAccountIssuer(issuer);
  private FakeAwsServer server;
  private AwsAdapters adapters;
  private String roleArn;

  @BeforeEach
  void start() {
    fake.trustIssuerKeys(issuer, tokens.publicJwks());
    fake.s3().givenBucket("acme-billing", "us-east-1");
    server = FakeAwsServer.start(fake);
    adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
        .credentialsProvider(AwsWire.FAKE_CREDENTIALS).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .build();
  }

  @AfterEach
  void stop() {
    adapters.close();
    server.close();
  }

  private AwsBackend aws() {
    return adapters.backend();
  }

  private void givenIrsaRole() {
    String hostPath = issuer.substring("https://".length());
    String provider = fake.givenOidcProvider(issuer);
    fake.givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Federated\":\"" + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
        + "{\"StringEquals\":{\"" + hostPath + ":sub\":\"system:serviceaccount:" + NS + ":vector\",\"" + hostPath
        + ":aud\":\"sts.amazonaws.com\"}}}]}", Map.of());
    fake.givenRolePolicy("spaces-billing", "billing-identity-s3", S3_POLICY);
    roleArn = fake.role("spaces-billing").orElseThrow().arn();
  }

  private void givenPodIdentityRole(String actions) {
    fake.givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":" + actions + ",\"Condition\":{\"StringEquals\":"
        + "{\"aws:SourceAccount\":\"123456789012\"},\"ArnEquals\":{\"aws:SourceArn\":\""
        + fake.clusterArn("spaces-prod") + "\"}}}]}", Map.of());
    fake.givenRolePolicy("spaces-billing", "billing-identity-s3", S3_POLICY);
    roleArn = fake.role("spaces-billing").orElseThrow().arn();
    fake.givenAssociation("spaces-prod", NS, "vector", roleArn, Map.of());
  }

  @Test
  void irsaVectorsTokenReachesTheBucketOverHttp() {
    givenIrsaRole();

    AssumedRole session = aws().sts().assumeRoleWithWebIdentity(roleArn, "billing-identity-probe",
        tokens.sign(NS, "vector", "sts.amazonaws.com"));

    assertThat(session.assumedRoleArn())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/spaces-billing/billing-identity-probe");
    assertThat(aws().s3().findBucketAs(session.credentials(), BILLING))
        .isEqualTo(BucketStatus.found("acme-billing", "us-east-1"));
    assertThat(adapters.calls().snapshot().toString()).contains("STS:AssumeRoleWithWebIdentity");
  }

  @Test
  void irsaRefusalsArriveTypedWithStsCodesAndNoToken() {
    givenIrsaRole();
    String later = tokens.sign("mxp-added-later-system", "vector", "sts.amazonaws.com");
    String tampered = TokenForgery.tamperedSignature(tokens.sign(NS, "vector", "sts.amazonaws.com"));
    String expired = tokens.sign(NS, "vector", "uid", "sts.amazonaws.com", Instant.now().minus(ServiceAccountIssuer.MIN_EXPIRY)
        .minusSeconds(30), ServiceAccountIssuer.MIN_EXPIRY);

    assertThatThrownBy(() -> aws().sts().assumeRoleWithWebIdentity(roleArn, "probe", later))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("STS AssumeRoleWithWebIdentity failed: AccessDenied (HTTP 403): Not authorized to perform "
            + "sts:AssumeRoleWithWebIdentity");
    assertThatThrownBy(() -> aws().sts().assumeRoleWithWebIdentity(roleArn, "probe", tampered))
        .isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).errorCode()).isEqualTo("InvalidIdentityToken"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tampered));
    assertThatThrownBy(() -> aws().sts().assumeRoleWithWebIdentity(roleArn, "probe", expired))
        .isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).expired()).isTrue());
  }

  @Test
  void podIdentityVectorsTokenReachesTheBucketOverHttpSignedForEksAuth() {
    givenPodIdentityRole("[\"sts:AssumeRole\",\"sts:TagSession\"]");

    AssumedRole session = aws().eks().assumeRoleForPodIdentity("spaces-prod",
        tokens.sign(NS, "vector", "pods.eks.amazonaws.com"));

    assertThat(session.roleName()).isEqualTo("spaces-billing");
    assertThat(session.assumedRoleArn()).startsWith("arn:aws:sts::123456789012:assumed-role/spaces-billing/eks-");
    assertThat(aws().s3().findBucketAs(session.credentials(), BILLING).answer()).isEqualTo(BucketStatus.Answer.FOUND);
    assertThat(adapters.calls().snapshot().toString()).contains("EKS-AUTH:AssumeRoleForPodIdentity");
  }

  @Test
  void podIdentityRefusalsArriveTyped() {
    givenPodIdentityRole("\"sts:AssumeRole\"");

    assertThatThrownBy(() -> aws().eks().assumeRoleForPodIdentity("spaces-prod",
        tokens.sign(NS, "vector", "pods.eks.amazonaws.com")))
        .isInstanceOf(AccessDeniedException.class)
        .satisfies(e -> assertThat(((AccessDeniedException) e).errorCode()).isEqualTo("AccessDeniedException"))
        .hasMessageContaining("sts:TagSession");
    assertThatThrownBy(() -> aws().eks().assumeRoleForPodIdentity("spaces-prod",
        tokens.sign("mxp-added-later-system", "vector", "pods.eks.amazonaws.com")))
        .isInstanceOf(NoSuchEntityException.class)
        .satisfies(e -> assertThat(((NoSuchEntityException) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> aws().eks().assumeRoleForPodIdentity("spaces-prod",
        tokens.sign(NS, "vector", "sts.amazonaws.com")))
        .isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).errorCode()).isEqualTo("InvalidTokenException"));
  }

  @Test
  void theCallersOwnClientsReachEksAuthWithTheirEndpointAndCredentials() {
    givenPodIdentityRole("[\"sts:AssumeRole\",\"sts:TagSession\"]");
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE",
        "fake"));
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(server.endpoint())
            .credentialsProvider(credentials).build();
        StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(server.endpoint())
            .credentialsProvider(credentials).build();
        EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(server.endpoint())
            .credentialsProvider(credentials).build();
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(server.endpoint())
            .forcePathStyle(true).credentialsProvider(credentials).build()) {
      AwsBackend mine = AwsAdapters.of(iam, sts, eks, s3);

      AssumedRole session = mine.eks().assumeRoleForPodIdentity("spaces-prod",
          tokens.sign(NS, "vector", "pods.eks.amazonaws.com"));

      assertThat(mine.s3().findBucketAs(session.credentials(), BILLING).answer())
          .isEqualTo(BucketStatus.Answer.FOUND);
    }
  }
}
