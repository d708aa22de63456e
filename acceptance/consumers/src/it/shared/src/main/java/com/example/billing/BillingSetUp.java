package com.example.billing;

import dev.billingidentity.ApplyResult;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;

/**
 * A consumer's own code, as the README shows it: set up billing's identity for every control plane of a Space. It is
 * compiled with -Xlint:all -Werror against the published jars, so a warning the library causes in a consumer's build
 * (an annotation missing from its classpath, a deprecated type in a signature) fails this build.
 */
public final class BillingSetUp {
  /** The EKS cluster of the Space. */
  public static final String CLUSTER = "spaces-prod";
  /** The IAM role vector gets. */
  public static final String ROLE = "spaces-billing";

  private BillingSetUp() {
  }

  /** IRSA for every control plane found in the cluster. */
  public static BillingIdentity irsa(AwsBackend aws, ClusterPort cluster) {
    return BillingIdentity.irsa(IrsaSettings.builder()
            .cluster(CLUSTER)
            .role(IamRole.named(ROLE))
            .storage(BillingStorage.s3("us-east-1", "acme-billing"))
            .build())
        .using(aws, cluster)
        .forControlPlanes(ControlPlanes.discovered());
  }

  /** EKS Pod Identity for every control plane found in the cluster. */
  public static BillingIdentity podIdentity(AwsBackend aws, ClusterPort cluster) {
    return BillingIdentity.podIdentity(PodIdentitySettings.builder()
            .cluster(CLUSTER)
            .role(IamRole.named(ROLE))
            .storage(BillingStorage.s3("us-east-1", "acme-billing"))
            .build())
        .using(aws, cluster)
        .forControlPlanes(ControlPlanes.discovered());
  }

  /** What a platform tool logs or returns: the result as JSON text, with no Jackson type in its own code. */
  public static String summary(ApplyResult result) {
    return result.toJsonString();
  }
}
