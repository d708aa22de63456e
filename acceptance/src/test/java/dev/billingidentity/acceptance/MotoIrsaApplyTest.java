package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.moto.MotoServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * IRSA end to end over the real SDK adapters with moto as AWS (an independent emulator, not ours), its billing
 * bucket included: what moto holds afterwards is what the plan said, and a second plan is empty. The Space's cluster side is in memory.
 */
class MotoIrsaApplyTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake"));

  @Test
  void whatMotoHoldsAfterApplyIsWhatThePlanSaidAndTheNextPlanIsEmpty() {
    FakeSpace space = FakeSpace.withControlPlanes(4).build();
    try (MotoServer moto = MotoServer.start();
        AwsAdapters aws = AwsAdapters.builder().region("us-east-1").endpointOverride(moto.endpoint())
            .credentialsProvider(CREDENTIALS).build();
        EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
            .credentialsProvider(CREDENTIALS).build();
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
            .forcePathStyle(true).credentialsProvider(CREDENTIALS).build()) {
      s3.createBucket(r -> r.bucket("acme-billing"));
      eks.createCluster(r -> r.name("spaces-prod").roleArn("arn:aws:iam::123456789012:role/eks-cluster")
          .resourcesVpcConfig(v -> v.subnetIds(List.of("subnet-00000001", "subnet-00000002"))));
      OidcIssuer issuer = OidcIssuer.of(eks.describeCluster(r -> r.name("spaces-prod")).cluster().identity().oidc()
          .issuer());
      AwsBackend backend = aws.backend();
      BillingIdentity identity = BillingIdentity.irsa(IrsaSettings.builder().cluster("spaces-prod")
              .role(IamRole.named("spaces-billing")).storage(BillingStorage.s3("us-east-1", "acme-billing")).build())
          .using(backend, space.cluster()).forControlPlanes(ControlPlanes.discovered());

      var plan = identity.plan();
      ApplyResult result = identity.apply(plan);

      assertThat(result.applied()).extracting(c -> c.kind())
          .containsExactly("CreateOidcProvider", "CreateRole", "PutRolePolicy");
      var role = backend.iam().findRole("spaces-billing").orElseThrow();
      PolicyDocument trust = PolicyDocument.parse(role.trustPolicyJson());
      assertThat(BillingPolicies.irsaSubjects(trust, issuer)).containsExactlyInAnyOrderElementsOf(
          space.hostNamespaces().stream().map(ns -> BillingPolicies.subject(ns, "vector")).toList());
      assertThat(trust.size()).isEqualTo(plan.capacity().orElseThrow().size());
      assertThat(PolicyDocument.parse(backend.iam().findRolePolicy("spaces-billing", "billing-identity-s3")
          .orElseThrow()).isEquivalentTo(BillingPolicies.s3Access(BillingStorage.s3("us-east-1", "acme-billing"))))
          .isTrue();
      assertThat(backend.iam().findOidcProvider(issuer.providerArn(
          dev.billingidentity.aws.AwsAccount.of("123456789012", dev.billingidentity.aws.Partition.AWS))))
          .hasValueSatisfying(p -> assertThat(p.clientIds()).containsExactly("sts.amazonaws.com"));
      assertThat(identity.plan().isEmpty()).as("a second plan against moto is empty").isTrue();
    }
  }
}
