package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.moto.MotoServer;
import dev.billingidentity.testing.server.FakeAwsServer;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.VerificationReport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Promise: in an account that requires a permissions boundary and tags, the role is created with them, and they are
 * kept: a boundary removed out of band is found by {@code verify()} and restored by {@code apply()} only with the
 * opt-in (without it the plan writes nothing to the boundary), and tag drift is repaired without touching foreign
 * tags. Over the real SDK adapters, against the fake AWS server and against moto; the Space's cluster is in memory.
 */
class GuardrailsOverHttpTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake"));
  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
  private static final IrsaSettings GUARDED = IrsaSettings.builder()
      .cluster(FakeSpace.CLUSTER)
      .role(IamRole.builder().name("spaces-billing").permissionsBoundary(BOUNDARY)
          .putTags("team", "billing").putTags("cost-center", "42").maxSessionDurationSeconds(7200)
          .description("Billing of our Spaces").build())
      .storage(BillingStorage.s3("us-east-1", "acme-billing"))
      .build();

  /** AWS as the SDK adapters meet it over HTTP. */
  enum Peer {
    FAKE_SERVER {
      @Override
      AutoCloseable start(FakeSpace space, URI[] endpoint) {
        FakeAwsServer server = FakeAwsServer.start(space.aws());
        endpoint[0] = server.endpoint();
        return server;
      }
    },
    MOTO {
      @Override
      AutoCloseable start(FakeSpace space, URI[] endpoint) {
        MotoServer moto = MotoServer.start();
        endpoint[0] = moto.endpoint();
        try (EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(CREDENTIALS).build();
            S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .forcePathStyle(true).credentialsProvider(CREDENTIALS).build()) {
          // The plan's preflight refuses a bucket that does not exist: moto needs the billing bucket too.
          s3.createBucket(r -> r.bucket("acme-billing"));
          eks.createCluster(r -> r.name(FakeSpace.CLUSTER).roleArn("arn:aws:iam::123456789012:role/eks-cluster")
              .resourcesVpcConfig(v -> v.subnetIds(List.of("subnet-00000001", "subnet-00000002"))));
        }
        return moto;
      }
    };

    /** Starts the peer for {@code space} and puts its endpoint in {@code endpoint[0]}. */
    abstract AutoCloseable start(FakeSpace space, URI[] endpoint);
  }

  private static BillingIdentity irsa(IrsaSettings settings, AwsAdapters aws, FakeSpace space) {
    return BillingIdentity.irsa(settings).using(aws.backend(), space.cluster())
        .forControlPlanes(ControlPlanes.discovered());
  }

  private static Finding roleFinding(VerificationReport report, String check) {
    return report.about("role").stream().filter(f -> f.check().equals(check)).findFirst()
        .orElseThrow(() -> new AssertionError("no role " + check + " finding in\n" + report.render()));
  }

  private static List<String> kinds(Plan plan) {
    return plan.changes().stream().map(Change::kind).toList();
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void theRoleCarriesItsBoundaryAndTagsAndTheirDriftIsRepairedWithinTheirLimits(Peer peer) throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();
    URI[] endpoint = new URI[1];
    try (AutoCloseable aws = peer.start(space, endpoint);
        AwsAdapters adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(endpoint[0])
            .credentialsProvider(CREDENTIALS).build()) {
      IamPort iam = adapters.backend().iam();

      ApplyResult created = irsa(GUARDED, adapters, space).apply();

      assertThat(kinds(created.plan())).contains("CreateRole");
      RoleInfo role = iam.findRole("spaces-billing").orElseThrow();
      assertThat(role.permissionsBoundary()).contains(BOUNDARY);
      assertThat(role.tags()).containsEntry("team", "billing").containsEntry("cost-center", "42")
          .containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE);
      assertThat(role.maxSessionDurationSeconds()).isEqualTo(7200);
      assertThat(role.description()).contains("Billing of our Spaces");
      assertThat(irsa(GUARDED, adapters, space).plan().isEmpty()).isTrue();

      // Out of band: the boundary is removed, a named tag changed, a foreign tag added.
      iam.deleteRolePermissionsBoundary("spaces-billing");
      iam.tagRole("spaces-billing", Map.of("team", "payments", "owner", "finance"));

      VerificationReport drifted = irsa(GUARDED, adapters, space).verify();
      assertThat(roleFinding(drifted, "permissions-boundary").state()).isEqualTo(FindingState.MISSING);
      assertThat(roleFinding(drifted, "tags").state()).isEqualTo(FindingState.DRIFTED);

      adapters.calls().reset();
      ApplyResult withoutOptIn = irsa(GUARDED, adapters, space).apply();

      assertThat(kinds(withoutOptIn.plan())).containsExactly("UpdateRoleTags");
      assertThat(withoutOptIn.plan().notes()).anySatisfy(n -> assertThat(n).contains("repairPermissionsBoundary"));
      assertThat(adapters.calls().snapshot().calls("IAM:PutRolePermissionsBoundary")).isZero();
      assertThat(adapters.calls().snapshot().calls("IAM:DeleteRolePermissionsBoundary")).isZero();
      role = iam.findRole("spaces-billing").orElseThrow();
      assertThat(role.permissionsBoundary()).isEmpty();
      assertThat(role.tags()).containsEntry("team", "billing").containsEntry("owner", "finance")
          .containsEntry(Ownership.TAG_KEY, Ownership.TAG_VALUE);
      assertThat(roleFinding(withoutOptIn.verification(), "permissions-boundary").isOk()).isFalse();
      assertThat(roleFinding(withoutOptIn.verification(), "tags").isOk()).isTrue();

      IrsaSettings optedIn = GUARDED.withRepairPermissionsBoundary(true);
      ApplyResult withOptIn = irsa(optedIn, adapters, space).apply();

      assertThat(kinds(withOptIn.plan())).containsExactly("PutRolePermissionsBoundary");
      assertThat(iam.findRole("spaces-billing").orElseThrow().permissionsBoundary()).contains(BOUNDARY);
      assertThat(roleFinding(withOptIn.verification(), "permissions-boundary").isOk()).isTrue();
      assertThat(iam.findRole("spaces-billing").orElseThrow().tags()).containsEntry("owner", "finance");
      assertThat(irsa(optedIn, adapters, space).plan().isEmpty()).isTrue();
    }
  }
}
