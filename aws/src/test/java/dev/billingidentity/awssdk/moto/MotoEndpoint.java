package dev.billingidentity.awssdk.moto;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.testing.moto.MotoServer;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;

/** One moto server per test class, and the SDK adapters (and a raw EKS client, to seed clusters) pointed at it. */
final class MotoEndpoint implements BeforeAllCallback, AfterAllCallback {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake"));
  private MotoServer moto;
  private AwsAdapters adapters;

  @Override
  public void beforeAll(ExtensionContext context) {
    moto = MotoServer.start();
    adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(moto.endpoint())
        .credentialsProvider(CREDENTIALS).build();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    adapters.close();
    moto.close();
  }

  AwsBackend backend() {
    return adapters.backend();
  }

  /** Creates an EKS cluster in moto (which gives it an OIDC issuer) and returns the issuer. */
  String givenCluster(String name) {
    try (EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
        .credentialsProvider(CREDENTIALS).build()) {
      eks.createCluster(CreateClusterRequest.builder().name(name)
          .roleArn("arn:aws:iam::123456789012:role/eks-cluster")
          .resourcesVpcConfig(v -> v.subnetIds(List.of("subnet-00000001", "subnet-00000002")))
          .build());
      return eks.describeCluster(r -> r.name(name)).cluster().identity().oidc().issuer();
    }
  }
}
