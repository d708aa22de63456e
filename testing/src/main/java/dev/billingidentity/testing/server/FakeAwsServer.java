package dev.billingidentity.testing.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * IAM, STS, EKS and S3 on HTTP, answering from an {@link InMemoryAws}: the Query protocol with XML answers for IAM
 * and STS, REST-JSON for EKS, REST-XML for S3 (path-style), AWS's error shapes and pagination, for the operations the
 * library uses and the reads a person makes with the aws CLI to look at the state ({@code aws iam list-roles},
 * {@code aws eks list-clusters}, ...). Point the real SDK adapters at it with an endpoint override, and inspect or
 * fault the state through the {@link InMemoryAws}:
 *
 * <pre>{@code
 * InMemoryAws aws = new InMemoryAws();
 * try (FakeAwsServer server = FakeAwsServer.start(aws);
 *     AwsAdapters adapters = AwsAdapters.builder().region("us-east-1").endpointOverride(server.endpoint())
 *         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
 *         .build()) {
 *   aws.faults().throttleNext("GetRole", 2);          // answered as IAM's 400 Throttling, retried by the SDK
 *   aws.faults().rateLimit("EKS", RateLimit.perSecond(20));   // beyond it, EKS's 429 TooManyRequestsException
 *   adapters.backend().iam().findRole("spaces-billing");
 * }
 * }</pre>
 *
 * <p>Or run it on its own: {@code java -cp ... dev.billingidentity.testing.server.FakeAwsServer --port 4566
 * --cluster spaces-prod}. It listens on the loopback interface only and ignores request signatures.
 */
public final class FakeAwsServer implements AutoCloseable {
  /**
   * Threads that serve requests (acceptor and selectors among them): the fake's latency holds a thread for as long as
   * it lasts, so WireMock's default of 25 would make a client's 64 concurrent calls queue and see more latency than
   * was set.
   */
  static final int CONTAINER_THREADS = 150;

  private final InMemoryAws aws;
  private final WireMockServer server;

  private FakeAwsServer(InMemoryAws aws, WireMockServer server) {
    this.aws = aws;
    this.server = server;
  }

  /** Starts a server for {@code aws} on a free loopback port. */
  public static FakeAwsServer start(InMemoryAws aws) {
    return start(aws, 0);
  }

  /** Starts a server for {@code aws} on a loopback port ({@code 0}: a free one). */
  public static FakeAwsServer start(InMemoryAws aws, int port) {
    Objects.requireNonNull(aws, "aws");
    WireMockServer server = new WireMockServer(options()
        .bindAddress("127.0.0.1")
        .port(port)
        .jettyAcceptors(1)
        .containerThreads(CONTAINER_THREADS)
        .notifier(new Slf4jNotifier(false))
        // A long-running fake would otherwise keep every request it ever served.
        .disableRequestJournal()
        .extensions(new AwsProtocolTransformer(aws)));
    // One stub matches everything; the transformer makes the answer from the fake's state.
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(AwsProtocolTransformer.NAME)));
    server.start();
    return new FakeAwsServer(aws, server);
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override for IAM, STS and EKS alike. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return server.port();
  }

  /** The fake it answers from. */
  public InMemoryAws aws() {
    return aws;
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop();
  }

  /**
   * Runs the server until the process is stopped. Options: {@code --port N} (default 4566; 0 for a free one),
   * {@code --cluster NAME} (repeatable: an EKS cluster with an OIDC issuer), {@code --bucket NAME} (repeatable: an S3
   * bucket in the fake's region, which every plan needs).
   */
  public static void main(String[] args) {
    FakeAwsServer server;
    try {
      server = startFromArguments(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: FakeAwsServer [--port N] [--cluster NAME]... [--bucket NAME]...");
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-aws-shutdown"));
  }

  /** Parses the options, starts the server (its threads keep the JVM alive) and prints what it serves. */
  static FakeAwsServer startFromArguments(String[] args, PrintStream out) {
    int port = 4566;
    List<String> clusters = new ArrayList<>();
    List<String> buckets = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!option.equals("--port") && !option.equals("--cluster") && !option.equals("--bucket")) {
        throw new IllegalArgumentException("unknown option: " + option);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      if (option.equals("--port")) {
        port = parsePort(args[i + 1]);
      } else if (option.equals("--bucket")) {
        buckets.add(args[i + 1]);
      } else {
        clusters.add(args[i + 1]);
      }
    }
    InMemoryAws aws = new InMemoryAws();
    clusters.forEach(c -> out.println("cluster " + c + ": OIDC issuer " + aws.givenCluster(c)));
    buckets.forEach(b -> out.println("bucket " + b + " in " + aws.s3().givenBucket(b, aws.region()).bucketRegion(b)
        .orElseThrow()));
    FakeAwsServer server = start(aws, port);
    out.println("fake AWS (IAM, STS, EKS) for account " + aws.account().id() + " on " + server.endpoint());
    return server;
  }

  private static int parsePort(String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port needs a number, was " + value);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0 to 65535, was " + port);
    }
    return port;
  }
}
