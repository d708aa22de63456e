package dev.billingidentity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.plan.Retry;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.S3Port;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.server.FakeAwsServer;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import dev.billingidentity.verify.IdentityProbe;
import dev.billingidentity.verify.VerificationReport;
import dev.billingidentity.verify.VerifyOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Promise: {@code verify(VerifyOptions.probe())} walks vector's own chain for each control plane (a token for its
 * service account, exchanged by STS or EKS Auth, then {@code HeadBucket} with the session), against fakes that decide
 * as AWS does: after apply every control plane reaches the bucket; one added after the apply is refused, by name; a
 * tampered token is refused; the probe writes nothing; and neither a token nor a credential appears in the report or
 * in the library's log at any level. Both modes, in memory and over the real SDK adapters against the fake server.
 */
class IdentityProbeTest {
  private static final BillingStorage STORAGE = BillingStorage.s3("us-east-1", FakeSpace.BUCKET);
  private static final Path LOG = Path.of("target/acceptance-library.log");

  enum Mode {
    IRSA, POD_IDENTITY
  }

  enum Peer {
    IN_MEMORY, FAKE_SERVER
  }

  private FakeAwsServer server;
  private AwsAdapters adapters;
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<SessionCredentials> sessions = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (adapters != null) {
      adapters.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static Stream<Arguments> peersAndModes() {
    return Stream.of(Peer.values()).flatMap(p -> Stream.of(Mode.values()).map(m -> Arguments.of(p, m)));
  }

  /** The library over the space, its tokens changed by {@code tokenChange}, and every token and session recorded. */
  private BillingIdentity identity(Peer peer, Mode mode, FakeSpace space, UnaryOperator<String> tokenChange) {
    AwsBackend backend = space.aws().backend();
    if (peer == Peer.FAKE_SERVER) {
      server = FakeAwsServer.start(space.aws());
      adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
          .build();
      backend = adapters.backend();
    }
    S3Port s3 = recordingSessions(backend.s3());
    ClusterPort cluster = recordingTokens(space.cluster(), tokenChange);
    BillingIdentity bi = mode == Mode.IRSA
        ? BillingIdentity.irsa(IrsaSettings.builder().cluster(FakeSpace.CLUSTER)
            .role(IamRole.named("spaces-billing")).storage(STORAGE).build())
        : BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER)
            .role(IamRole.named("spaces-billing")).storage(STORAGE).build());
    return bi.using(new AwsBackend(backend.iam(), backend.sts(), backend.eks(), s3), cluster)
        .withRetry(Retry.withoutDelay(3)).forControlPlanes(ControlPlanes.discovered());
  }

  private static List<Finding> probes(VerificationReport report) {
    return report.findings().stream().filter(f -> f.check().equals(IdentityProbe.CHECK)).toList();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void afterApplyEveryControlPlaneReachesTheBucketAndOneAddedLaterIsRefusedByName(Peer peer, Mode mode)
      throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(3).build();
    BillingIdentity bi = identity(peer, mode, space, UnaryOperator.identity());
    bi.apply();
    long writes = space.aws().calls().writes();

    VerificationReport report = bi.verify(VerifyOptions.probe());

    assertThat(probes(report)).hasSize(3).allSatisfy(f -> {
      assertThat(f.state()).as(f.toString()).isEqualTo(FindingState.OK);
      assertThat(f.detail()).contains("reaches bucket acme-billing as role spaces-billing");
    });
    assertThat(probes(report).stream().map(Finding::subject)).containsExactlyElementsOf(space.hostNamespaces());
    assertThat(space.aws().calls().writes()).as("the probe writes nothing").isEqualTo(writes);
    assertThat(tokens).hasSize(3);
    assertThat(sessions).hasSize(3);

    String later = space.addControlPlane("default");
    List<Finding> after = probes(bi.verify(VerifyOptions.probe()));
    Finding refused = after.stream().filter(f -> f.subject().equals(later)).findFirst().orElseThrow();
    assertThat(refused.state()).isEqualTo(FindingState.MISSING);
    if (mode == Mode.IRSA) {
      assertThat(refused.detail()).isEqualTo("STS AssumeRoleWithWebIdentity refused (AccessDenied): role "
          + "spaces-billing refuses this subject: system:serviceaccount:" + later + ":vector");
    } else {
      assertThat(refused.detail()).startsWith("EKS Auth AssumeRoleForPodIdentity found nothing "
          + "(ResourceNotFoundException): ").contains(later);
    }
    assertThat(refused.remedy()).startsWith("apply()");
    assertThat(after.stream().filter(f -> !f.subject().equals(later))).allMatch(Finding::isOk);

    assertThat(probes(bi.verify(VerifyOptions.probe().sample(2)))).hasSize(2);
    assertThat(bi.verify(VerifyOptions.defaults()).findings()).noneMatch(f -> f.check().equals(IdentityProbe.CHECK));
    assertNoSecretIn(report.render() + report.toJson() + bi.verify(VerifyOptions.probe()).toJson());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void aTamperedTokenIsRefusedAndSaidSo(Peer peer, Mode mode) throws Exception {
    FakeSpace space = FakeSpace.withControlPlanes(1).build();
    identity(peer, mode, space, UnaryOperator.identity()).apply();
    BillingIdentity tampering = identity(peer, mode, space, IdentityProbeTest::tamper);

    VerificationReport report = tampering.verify(VerifyOptions.probe());

    Finding f = probes(report).get(0);
    assertThat(f.state()).isEqualTo(FindingState.DRIFTED);
    assertThat(f.detail()).contains("refused vector's token (" + (mode == Mode.IRSA ? "InvalidIdentityToken"
        : "InvalidTokenException") + ")");
    assertThat(sessions).isEmpty();
    assertNoSecretIn(report.render() + report.toJson());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("peersAndModes")
  void beforeAnyApplyTheChainIsBrokenNeverOk(Peer peer, Mode mode) {
    FakeSpace space = FakeSpace.withControlPlanes(2).build();

    List<Finding> findings = probes(identity(peer, mode, space, UnaryOperator.identity())
        .verify(VerifyOptions.probe()));

    assertThat(findings).hasSize(2).noneMatch(Finding::isOk);
  }

  /** Neither a token the probe got nor a credential it used is in {@code text}, nor in the library's log. */
  private void assertNoSecretIn(String text) throws Exception {
    String log = Files.exists(LOG) ? Files.readString(LOG) : "";
    for (String token : tokens) {
      String signature = token.substring(token.lastIndexOf('.') + 1);
      assertThat(text).doesNotContain(signature);
      assertThat(log).doesNotContain(signature);
    }
    for (SessionCredentials s : sessions) {
      for (String secret : List.of(s.accessKeyId(), s.secretAccessKey(), s.sessionToken())) {
        assertThat(text).doesNotContain(secret);
        assertThat(log).doesNotContain(secret);
      }
    }
  }

  /** One character of the signature changed. */
  private static String tamper(String token) {
    int at = token.lastIndexOf('.') + 5;
    return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  private ClusterPort recordingTokens(ClusterPort cluster, UnaryOperator<String> change) {
    return (ClusterPort) Proxy.newProxyInstance(ClusterPort.class.getClassLoader(), new Class<?>[] {ClusterPort.class},
        (proxy, method, args) -> {
          Object result = invoke(method, cluster, args);
          if (method.getName().equals("requestServiceAccountToken")) {
            tokens.add((String) result);
            return change.apply((String) result);
          }
          return result;
        });
  }

  private S3Port recordingSessions(S3Port s3) {
    return (S3Port) Proxy.newProxyInstance(S3Port.class.getClassLoader(), new Class<?>[] {S3Port.class},
        (proxy, method, args) -> {
          if (method.getName().equals("findBucketAs")) {
            sessions.add((SessionCredentials) args[0]);
          }
          return invoke(method, s3, args);
        });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
