package dev.billingidentity.acceptance;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Another process applying IRSA to the same role: {@code main(endpoint, cluster, namespace...)} applies each
 * namespace's subject, one apply each, against the fake AWS server at {@code endpoint}. The host cluster it sees
 * holds every namespace named in the {@code EXISTING_NAMESPACES} environment variable (comma-separated), as both
 * processes would see one real cluster.
 */
public final class SecondProcessApplier {
  private SecondProcessApplier() {}

  public static void main(String[] args) {
    URI endpoint = URI.create(args[0]);
    String cluster = args[1];
    String[] namespaces = Arrays.copyOfRange(args, 2, args.length);
    InMemoryCluster k8s = new InMemoryCluster();
    for (String ns : System.getenv("EXISTING_NAMESPACES").split(",")) {
      k8s.givenNamespace(ns, Map.of());
    }
    try (AwsAdapters aws = AwsAdapters.builder().region("us-east-1").endpointOverride(endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
        .build()) {
      // Several rounds, so that its writes interleave with the other process's.
      for (int round = 0; round < 5; round++) {
        for (String ns : namespaces) {
        BillingIdentity.irsa(IrsaSettings.builder().cluster(cluster).role(IamRole.named("spaces-billing"))
                .storage(BillingStorage.s3("us-east-1", "acme-billing")).build())
            .using(aws.backend(), k8s).forControlPlanes(ControlPlanes.hostNamespaces(ns)).apply();
        }
      }
    }
    System.out.println("second applier done: " + namespaces.length);
  }
}
