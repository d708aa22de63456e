package dev.billingidentity.awssdk;

import static dev.billingidentity.awssdk.AwsWire.IAM_NS;
import static dev.billingidentity.awssdk.AwsWire.STS_NS;
import static dev.billingidentity.awssdk.AwsWire.action;
import static dev.billingidentity.awssdk.AwsWire.queryError;
import static dev.billingidentity.awssdk.AwsWire.queryResponse;
import static dev.billingidentity.awssdk.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

class AwsCallCounterTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  @BeforeEach
  void answers() {
    server.stubFor(action("GetCallerIdentity").willReturn(xml(200, queryResponse(STS_NS, "GetCallerIdentity",
        "<Arn>arn:aws:iam::123456789012:user/a</Arn><UserId>AIDAFAKE</UserId><Account>123456789012</Account>"))));
    server.stubFor(action("GetRole").willReturn(
        xml(404, queryError("Sender", "NoSuchEntity", "The role with name r cannot be found."))));
    server.stubFor(action("DeleteRole").willReturn(xml(200, queryResponse(IAM_NS, "DeleteRole", null))));
  }

  @Test
  void callsAreCountedByServiceAndOperationFailuresIncluded() {
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      aws.backend().sts().callerIdentity();
      aws.backend().iam().findRole("r");
      aws.backend().iam().findRole("r");
      aws.backend().iam().deleteRole("r");

      AwsCallCounts counts = aws.calls().snapshot();

      assertThat(counts.calls()).containsExactlyInAnyOrderEntriesOf(
          Map.of("STS:GetCallerIdentity", 1L, "IAM:GetRole", 2L, "IAM:DeleteRole", 1L));
      assertThat(counts.attempts()).isEqualTo(counts.calls());
      assertThat(counts.totalCalls()).isEqualTo(4);
      assertThat(counts.calls("EKS:DescribeCluster")).isZero();
    }
  }

  @Test
  void aSnapshotDoesNotChangeAndResetStartsAfresh() {
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      aws.backend().sts().callerIdentity();
      AwsCallCounts before = aws.calls().snapshot();

      aws.calls().reset();
      aws.backend().iam().findRole("r");

      assertThat(before.calls()).containsOnlyKeys("STS:GetCallerIdentity");
      assertThat(aws.calls().snapshot().calls()).containsOnlyKeys("IAM:GetRole");
    }
  }

  @Test
  void callsFromManyThreadsAreAllCounted() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        done.add(pool.submit(() -> aws.backend().sts().callerIdentity()));
      }
      for (Future<?> f : done) {
        f.get();
      }

      assertThat(aws.calls().snapshot().calls("STS:GetCallerIdentity")).isEqualTo(200);
      assertThat(aws.calls().snapshot().attempts("STS:GetCallerIdentity")).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clientsMadeByTheCallerAreCountedWhenTheyRegisterTheCounter() {
    AwsCallCounter counter = new AwsCallCounter();
    URI endpoint = URI.create(server.baseUrl());
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(endpoint)
            .credentialsProvider(AwsWire.FAKE_CREDENTIALS).httpClientBuilder(Apache5HttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
            .credentialsProvider(AwsWire.FAKE_CREDENTIALS).httpClientBuilder(Apache5HttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        EksClient eks = EksClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
            .credentialsProvider(AwsWire.FAKE_CREDENTIALS).httpClientBuilder(Apache5HttpClient.builder()).build();
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
            .credentialsProvider(AwsWire.FAKE_CREDENTIALS).httpClientBuilder(Apache5HttpClient.builder()).build()) {
      var backend = AwsAdapters.of(iam, sts, eks, s3);

      backend.sts().callerIdentity();
      backend.iam().findRole("r");

      assertThat(counter.snapshot().calls()).containsOnlyKeys("STS:GetCallerIdentity", "IAM:GetRole");
    }
  }
}
