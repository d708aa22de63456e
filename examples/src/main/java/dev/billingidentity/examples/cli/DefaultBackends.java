package dev.billingidentity.examples.cli;

import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * The real backends: the SDK adapters (credentials and region from the SDK's default chains; {@code --aws-endpoint}
 * sends every call elsewhere, e.g. to the sandbox) and the fabric8 cluster adapter ({@code --kubeconfig}, or
 * fabric8's default configuration); every call of either bounded by {@code --timeout} or the adapters' defaults.
 */
final class DefaultBackends implements Backends {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultBackends.class);

  private final AwsCredentialsProvider credentials;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<AwsAdapters> aws = new ArrayList<>();
  private final List<LazyCluster> clusters = new ArrayList<>();

  /** Credentials from the SDK's default chain. */
  DefaultBackends() {
    this(null);
  }

  /** These credentials instead of the default chain's (the in-process demo's, for its sandbox). */
  DefaultBackends(AwsCredentialsProvider credentials) {
    this.credentials = credentials;
  }

  @Override
  public AwsBackend aws(ConnectionOptions connection, String bucketRegion) {
    AwsAdapters.Builder builder = AwsAdapters.builder().region(region(bucketRegion));
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    if (connection.awsEndpoint != null) {
      builder.endpointOverride(URI.create(connection.awsEndpoint));
    }
    connection.timeout().ifPresent(builder::timeout);
    AwsAdapters adapters = builder.build();
    opened.add(adapters);
    aws.add(adapters);
    return adapters.backend();
  }

  /**
   * EKS's and STS's region: the SDK's region settings ({@code AWS_REGION}, {@code aws.region}, the profile) say where
   * the cluster is, as for any AWS tool; without them, the bucket's region is the best guess (a Space usually keeps
   * both together). The instance metadata service, last in the SDK's full chain, is not asked: off EC2 that costs a
   * timeout on every command.
   */
  private static String region(String bucketRegion) {
    try {
      return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
          .getRegion().id();
    } catch (SdkClientException e) {
      LOG.info("no region in the SDK's region chain; calling EKS and STS in the bucket's region {}", bucketRegion);
      return bucketRegion;
    }
  }

  /**
   * {@code --kubeconfig}'s cluster, else fabric8's default configuration (which says what to set when there is
   * none); every call within {@code --timeout}, or {@link Fabric8Cluster#DEFAULT_TIMEOUT}. The kubeconfig is read,
   * and the client made, in the background from now on ({@link LazyCluster#prepareInBackground}).
   */
  @Override
  public ClusterPort cluster(ConnectionOptions connection) {
    Duration timeout = connection.timeout().orElse(Fabric8Cluster.DEFAULT_TIMEOUT);
    String kubeconfig = connection.kubeconfig;
    LazyCluster cluster = new LazyCluster(() -> kubeconfig != null
        ? Fabric8Cluster.fromKubeconfig(Path.of(kubeconfig), timeout)
        : Fabric8Cluster.fromDefaultConfig(timeout));
    clusters.add(cluster);
    opened.add(cluster);
    // Every operation reads the cluster (it observes the Space), and is asked for it once its inputs are valid.
    cluster.prepareInBackground();
    return cluster;
  }

  /** The AWS adapters made so far (tests read their timeouts). */
  List<AwsAdapters> awsAdapters() {
    return List.copyOf(aws);
  }

  /** The cluster adapters asked for so far, each made now if no call made it (tests read their timeouts). */
  List<Fabric8Cluster> clusters() {
    return clusters.stream().map(LazyCluster::cluster).toList();
  }

  /** The cluster adapters made so far, by a call or ahead of one. */
  List<Fabric8Cluster> clustersMade() {
    return clusters.stream().flatMap(c -> c.made().stream()).toList();
  }

  @Override
  public Map<String, Long> httpRequests() {
    Map<String, Long> requests = new LinkedHashMap<>();
    if (!aws.isEmpty()) {
      requests.put("aws", aws.stream().mapToLong(a -> a.calls().snapshot().totalAttempts()).sum());
    }
    clustersMade().forEach(c -> c.httpRequests().ifPresent(n -> requests.merge("kubernetes", n, Long::sum)));
    return requests;
  }

  @Override
  public void close() {
    Backends.closeAll(opened);
  }
}
