package dev.billingidentity.awssdk;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.spi.aws.AwsBackend;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.EksServiceClientConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS ports ({@link AwsBackend}) over the AWS SDK for Java v2's synchronous IAM, STS, EKS and S3 clients, with the
 * calls they make counted. Made by {@link #builder()}, which owns the clients it makes (close it when done):
 *
 * <pre>{@code
 * try (AwsAdapters aws = AwsAdapters.builder()
 *     .region("us-east-1")                 // else the SDK's default region chain
 *     .retryMaxAttempts(5)
 *     .build()) {
 *   BillingIdentity.irsa(settings).using(aws.backend(), cluster).apply();
 *   AwsCallCounts calls = aws.calls().snapshot();
 * }
 * }</pre>
 *
 * <p>or by {@link #of} over clients the caller made and owns. Every AWS error reaches the caller as the library's
 * {@link dev.billingidentity.spi.aws.AwsServiceException} family.
 *
 * <p><b>Bounded time.</b> Every call made by {@link #builder()}'s clients ends within its call timeout
 * ({@link Builder#DEFAULT_API_CALL_TIMEOUT}, retries included), each attempt within its attempt timeout
 * ({@link Builder#DEFAULT_API_CALL_ATTEMPT_TIMEOUT}, the answer's body included): the Apache client's socket timeout
 * alone never ends an answer that comes a byte a second. A timeout fails the call with a message that names the
 * endpoint and the timeout.
 */
public final class AwsAdapters implements AutoCloseable {
  private final AwsBackend backend;
  private final AwsCallCounter calls;
  private final AwsTimeouts timeouts;
  private final List<FirstUse<? extends SdkClient>> clients;
  private final List<FirstUse<? extends SdkAutoCloseable>> owned;

  private AwsAdapters(AwsBackend backend, AwsCallCounter calls, AwsTimeouts timeouts,
      List<FirstUse<? extends SdkClient>> clients, List<FirstUse<? extends SdkAutoCloseable>> owned) {
    this.backend = backend;
    this.calls = calls;
    this.timeouts = timeouts;
    this.clients = clients;
    this.owned = owned;
  }

  /** A builder of adapters over new SDK clients. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The ports over clients the caller made and keeps owning (this does not close them). Their calls are counted only
   * if the caller registered an {@link AwsCallCounter} on them. S3 is asked in the billing bucket's region, so
   * {@code s3} must be made in that region (with path-style addressing if it has an endpoint override); asked about
   * a bucket of another region, the S3 port fails naming both.
   */
  public static AwsBackend of(IamClient iam, StsClient sts, EksClient eks, S3Client s3) {
    Objects.requireNonNull(eks, "eks");
    // EKS Auth (the Pod Identity probe) is called with the EKS client's region, credentials and endpoint, over an
    // HTTP client of its own made on first use: the SDK does not expose the one the caller's clients use.
    EksServiceClientConfiguration config = eks.serviceClientConfiguration();
    EksAuthClient auth = new EksAuthClient(new FirstUse<>(() -> Apache5HttpClient.builder().build()),
        config.credentialsProvider(), config.region(), config.endpointOverride(), null);
    Objects.requireNonNull(iam, "iam");
    Objects.requireNonNull(sts, "sts");
    return backend(() -> iam, () -> sts, () -> eks, auth, S3Clients.only(Objects.requireNonNull(s3, "s3")));
  }

  private static AwsBackend backend(Supplier<IamClient> iam, Supplier<StsClient> sts, Supplier<EksClient> eks,
      EksAuthClient auth, Function<String, S3Client> s3) {
    return new AwsBackend(new SdkIamPort(iam), new SdkStsPort(sts), new SdkEksPort(eks, auth), new SdkS3Port(s3));
  }

  /** A value made on first use, once; {@link #made()} tells whether it was, without making it. */
  private static final class FirstUse<T> implements Supplier<T> {
    private final Supplier<T> make;
    private T value;

    FirstUse(Supplier<T> make) {
      this.make = make;
    }

    /** A value that exists already (a caller's, or one that costs nothing to make). */
    static <T> FirstUse<T> made(T value) {
      FirstUse<T> made = new FirstUse<>(() -> value);
      made.get();
      return made;
    }

    @Override
    public synchronized T get() {
      if (value == null) {
        value = make.get();
      }
      return value;
    }

    synchronized Optional<T> made() {
      return Optional.ofNullable(value);
    }
  }

  /** The IAM, STS, EKS and S3 ports, for {@code BillingIdentity.using(...)}. */
  public AwsBackend backend() {
    return backend;
  }

  /** The counter of the calls made through {@link #backend()}: snapshot it, reset it. */
  public AwsCallCounter calls() {
    return calls;
  }

  /** The time bounds of every call the clients make. */
  public AwsTimeouts timeouts() {
    return timeouts;
  }

  /** The IAM, STS and EKS clients, made now if they were not (for tests that read their configuration). */
  List<SdkClient> clients() {
    return clients.stream().<SdkClient>map(FirstUse::get).toList();
  }

  /**
   * The IAM, STS and EKS clients made so far: each is made on the first call of its port, so that a command builds
   * only the clients it uses.
   */
  List<SdkClient> clientsMade() {
    return clients.stream().flatMap(c -> c.made().stream()).<SdkClient>map(c -> c).toList();
  }

  /** Closes the SDK clients, their HTTP client and the default credentials provider, those this made. */
  @Override
  public void close() {
    owned.forEach(c -> c.made().ifPresent(SdkAutoCloseable::close));
  }

  /**
   * How to make the SDK clients. Left unset, the region and credentials come from the SDK's default chains,
   * retries follow the SDK's standard strategy (3 attempts, exponential backoff with jitter, slower for throttling),
   * and every call is bounded by the default timeouts below.
   */
  public static final class Builder {
    /**
     * The most one call takes by default, retries and backoff included: room for the standard strategy's three
     * attempts, yet a stalled endpoint fails a command within a minute rather than holding it.
     */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The most one HTTP attempt takes by default, the answer's body included. IAM, STS and EKS answer these calls
     * (a role, a policy of at most 10 KB, a page of 100 associations) in well under a second; 20 s is two orders of
     * magnitude beyond a slow answer, and leaves a retry inside {@link #DEFAULT_API_CALL_TIMEOUT}.
     */
    public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    /** Opening a connection (TCP and TLS), by default: 5 s, room for a proxy or a far region (the SDK's is 2 s). */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The longest wait for the next byte, by default: the attempt timeout, since a longer one could never fire (the
     * SDK's default, 30 s, is longer).
     */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;

    private Region region;
    private URI endpointOverride;
    private AwsCredentialsProvider credentialsProvider;
    private RetryMode retryMode = RetryMode.STANDARD;
    private Integer retryMaxAttempts;
    private BackoffStrategy backoff;
    private Duration apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
    private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;

    private Builder() {}

    /**
     * The region of EKS and STS, e.g. {@code us-east-1}. IAM is global: it is called in the global region of this
     * region's partition ({@code aws-global}, {@code aws-cn-global}, {@code aws-us-gov-global}).
     */
    public Builder region(String region) {
      this.region = Region.of(Objects.requireNonNull(region, "region"));
      return this;
    }

    /**
     * One endpoint for IAM, STS, EKS and S3 (S3 then with path-style addressing), e.g. a fake AWS server or a
     * sandbox such as moto.
     */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** The credentials, instead of the SDK's default chain (environment, profile, web identity, container, IMDS). */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
      return this;
    }

    /**
     * {@link RetryMode#STANDARD} (the default) or {@link RetryMode#ADAPTIVE_V2}, which also slows the client down
     * while AWS throttles it: worth it when many writers share IAM's account-wide rate.
     */
    public Builder retryMode(RetryMode retryMode) {
      this.retryMode = Objects.requireNonNull(retryMode, "retryMode");
      return this;
    }

    /** Attempts per call, the first included ({@code 1} turns retries off). */
    public Builder retryMaxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retryMaxAttempts must be at least 1, was " + maxAttempts);
      }
      this.retryMaxAttempts = maxAttempts;
      return this;
    }

    /**
     * Exponential backoff with full jitter from {@code base} up to {@code max}, for every retry, throttling included
     * (the SDK's defaults are 100 ms, and 1 s for throttling, up to 20 s). Mostly for tests, to retry fast.
     */
    public Builder retryBackoff(Duration base, Duration max) {
      this.backoff = BackoffStrategy.exponentialDelay(base, max);
      return this;
    }

    /**
     * How long one HTTP attempt may take, the answer's body included, before it is abandoned (and retried, if
     * attempts remain); {@link #DEFAULT_API_CALL_ATTEMPT_TIMEOUT} by default.
     */
    public Builder apiCallAttemptTimeout(Duration timeout) {
      this.apiCallAttemptTimeout = positive("apiCallAttemptTimeout", timeout);
      return this;
    }

    /** How long a call may take in all, retries and backoff included; {@link #DEFAULT_API_CALL_TIMEOUT} by default. */
    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = positive("apiCallTimeout", timeout);
      return this;
    }

    /**
     * One bound for everything: each call within {@code timeout}, and each attempt, connection and read within
     * the smaller of {@code timeout} and its own default. What the CLI's {@code --timeout} sets.
     */
    public Builder timeout(Duration timeout) {
      positive("timeout", timeout);
      this.apiCallTimeout = timeout;
      this.apiCallAttemptTimeout = min(DEFAULT_API_CALL_ATTEMPT_TIMEOUT, timeout);
      this.connectionTimeout = min(DEFAULT_CONNECTION_TIMEOUT, timeout);
      this.socketTimeout = min(DEFAULT_SOCKET_TIMEOUT, timeout);
      return this;
    }

    /** How long opening a connection may take; {@link #DEFAULT_CONNECTION_TIMEOUT} by default. */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = positive("connectionTimeout", timeout);
      return this;
    }

    /** How long a read may wait for the next byte; {@link #DEFAULT_SOCKET_TIMEOUT} by default. */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = positive("socketTimeout", timeout);
      return this;
    }

    private static Duration positive(String name, Duration timeout) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + timeout);
      }
      return timeout;
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Makes the clients. The region is resolved now (from the default chain if not set), so a missing region fails
     * here rather than on the first call, with what to set.
     *
     * @throws BillingIdentityException when no region is set and the SDK's chain finds none
     */
    public AwsAdapters build() {
      Region resolved = region != null ? region : regionFrom(new DefaultAwsRegionProviderChain());
      CredentialLoggers.warnIfEnabled();
      AwsTimeouts timeouts = new AwsTimeouts(apiCallTimeout, apiCallAttemptTimeout, connectionTimeout, socketTimeout);
      AwsCallCounter counter = new AwsCallCounter();
      // One HTTP client (one connection pool) for all the clients; the SDK does not close a client it was given.
      // It and each SDK client are made on first use: the HTTP client costs a CLI command ~0.2 s of CPU (the TLS
      // context), each SDK client tens of milliseconds and hundreds of classes, and some commands ask only some
      // services (an IRSA plan given the account and the issuer asks neither STS nor EKS).
      FirstUse<SdkHttpClient> http = new FirstUse<>(() -> Apache5HttpClient.builder()
          .connectionTimeout(connectionTimeout)
          .socketTimeout(socketTimeout)
          .build());
      AwsCredentialsProvider credentials =
          credentialsProvider != null ? credentialsProvider : DefaultCredentialsProvider.builder().build();
      ClientOverrideConfiguration override = overrideConfiguration(counter, timeouts);
      FirstUse<IamClient> iam = new FirstUse<>(() -> configure(IamClient.builder(), http.get(), credentials, override)
          .region(iamRegion(resolved)).build());
      FirstUse<StsClient> sts = new FirstUse<>(() -> configure(StsClient.builder(), http.get(), credentials, override)
          .region(resolved).build());
      FirstUse<EksClient> eks = new FirstUse<>(() -> configure(EksClient.builder(), http.get(), credentials, override)
          .region(resolved).build());
      // S3 in each bucket's region; path-style with an endpoint override, since a fake has no bucket host names.
      S3Clients s3 = new S3Clients(region -> configure(S3Client.builder(), http.get(), credentials, override)
          .forcePathStyle(endpointOverride != null).region(region).build());
      List<FirstUse<? extends SdkAutoCloseable>> owned = new ArrayList<>(List.of(iam, sts, eks, FirstUse.made(s3),
          http));
      if (credentialsProvider == null && credentials instanceof SdkAutoCloseable defaultChain) {
        owned.add(FirstUse.made(defaultChain));
      }
      EksAuthClient auth = new EksAuthClient(http, credentials, resolved, Optional.ofNullable(endpointOverride),
          counter);
      return new AwsAdapters(backend(iam, sts, eks, auth, s3::in), counter, timeouts, List.of(iam, sts, eks),
          List.copyOf(owned));
    }

    /**
     * The region the chain finds, or an error that says where a region can come from: the SDK's own lists every
     * provider of its chain and why each failed, which tells a user what was tried, not what to do.
     */
    static Region regionFrom(AwsRegionProvider chain) {
      try {
        return chain.getRegion();
      } catch (SdkClientException e) {
        throw new BillingIdentityException("no AWS region: set AWS_REGION (or the aws.region system property), or a "
            + "region in the AWS profile (AWS_PROFILE in ~/.aws/config, or AWS_CONFIG_FILE), or pass one with "
            + "AwsAdapters.builder().region(\"us-east-1\"); on EC2 the instance metadata gives it");
      }
    }

    private ClientOverrideConfiguration overrideConfiguration(AwsCallCounter counter, AwsTimeouts timeouts) {
      return ClientOverrideConfiguration.builder()
          .addExecutionInterceptor(counter)
          .addExecutionInterceptor(new CallTimeoutMessages(timeouts))
          .retryStrategy(retryStrategy())
          .apiCallAttemptTimeout(timeouts.attempt())
          .apiCallTimeout(timeouts.call())
          .build();
    }

    /**
     * The SDK's own strategy for the mode, with AWS's retry conditions: it retries throttling codes and 429, 5xx,
     * timeouts and broken connections, and never {@code LimitExceeded}, {@code MalformedPolicyDocument} or
     * {@code AccessDenied}.
     */
    private RetryStrategy retryStrategy() {
      RetryStrategy.Builder<?, ?> strategy = AwsRetryStrategy.forRetryMode(retryMode).toBuilder();
      if (retryMaxAttempts != null) {
        strategy.maxAttempts(retryMaxAttempts);
      }
      if (backoff != null) {
        strategy.backoffStrategy(backoff).throttlingBackoffStrategy(backoff);
      }
      return strategy.build();
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
        B builder, SdkHttpClient http, AwsCredentialsProvider credentials, ClientOverrideConfiguration override) {
      builder.httpClient(http);
      builder.credentialsProvider(credentials).overrideConfiguration(override);
      if (endpointOverride != null) {
        builder.endpointOverride(endpointOverride);
      }
      return builder;
    }

    /** IAM's region: the global one of the partition. */
    private static Region iamRegion(Region region) {
      return switch (Partition.ofRegion(region.id())) {
        case AWS -> Region.AWS_GLOBAL;
        case AWS_CN -> Region.AWS_CN_GLOBAL;
        case AWS_US_GOV -> Region.AWS_US_GOV_GLOBAL;
      };
    }
  }
}
