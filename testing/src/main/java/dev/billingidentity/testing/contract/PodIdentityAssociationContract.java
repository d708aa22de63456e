package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.ResourceInUseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EKS Pod Identity associations and add-ons, as EKS answers them (moto has none of this; the fakes do). */
public abstract class PodIdentityAssociationContract {
  protected static final String CLUSTER = "contract-cluster";

  protected abstract EksPort eks();

  protected abstract IamPort iam();

  /** Creates a cluster (with an OIDC issuer) in the backend behind the ports. */
  protected abstract void givenCluster(String name);

  /** Installs an add-on on a cluster in the backend behind the ports. */
  protected abstract void givenAddon(String cluster, String addon);

  private String roleArn;

  @BeforeEach
  void cluster() {
    givenCluster(CLUSTER);
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
    roleArn = iam().createRole(new NewRole(IamPortContract.uniqueRole(), "/", trust, "pod identity", Map.of())).arn();
  }

  private Association create(String ns) {
    return eks().createPodIdentityAssociation(new NewAssociation(CLUSTER, ns, "vector", roleArn,
        Map.of("billing-identity.dev/managed-by", "billing-identity")));
  }

  @Test
  void anAssociationIsCreatedDescribedUpdatedAndDeleted() {
    Association created = create("mxp-a-system");

    Association described = eks().describePodIdentityAssociation(CLUSTER, created.associationId());
    assertThat(described.namespace()).isEqualTo("mxp-a-system");
    assertThat(described.serviceAccount()).isEqualTo("vector");
    assertThat(described.roleArn()).isEqualTo(roleArn);
    assertThat(described.tags()).containsEntry("billing-identity.dev/managed-by", "billing-identity");
    assertThat(created.associationArn()).contains(":podidentityassociation/" + CLUSTER + "/");

    String other = iam().createRole(new NewRole(IamPortContract.uniqueRole(), "/",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", "other", Map.of())).arn();
    eks().updatePodIdentityAssociation(CLUSTER, created.associationId(), other);
    assertThat(eks().describePodIdentityAssociation(CLUSTER, created.associationId()).roleArn()).isEqualTo(other);

    eks().deletePodIdentityAssociation(CLUSTER, created.associationId());
    assertThatThrownBy(() -> eks().describePodIdentityAssociation(CLUSTER, created.associationId()))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void aSecondAssociationForTheSameServiceAccountIsResourceInUse() {
    create("mxp-a-system");

    assertThatThrownBy(() -> create("mxp-a-system")).isInstanceOf(ResourceInUseException.class)
        .satisfies(e -> assertThat(((ResourceInUseException) e).errorCode()).isEqualTo("ResourceInUseException"));
  }

  @Test
  void anAssociationToARoleThatDoesNotExistIsAnInvalidParameter() {
    assertThatThrownBy(() -> eks().createPodIdentityAssociation(new NewAssociation(CLUSTER, "mxp-a-system", "vector",
        roleArn.replaceAll("role/.*", "role/does-not-exist"), Map.of())))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void listingPagesThroughEveryAssociationOnceAndFiltersByNamespace() {
    for (int i = 0; i < 250; i++) {
      create("mxp-" + i + "-system");
    }

    Set<String> seen = new HashSet<>();
    int pages = 0;
    String token = null;
    do {
      AssociationPage page = eks().listPodIdentityAssociations(CLUSTER, null, token, 100);
      page.items().forEach(s -> assertThat(seen.add(s.associationId())).as("listed twice: " + s).isTrue());
      token = page.nextToken().orElse(null);
      pages++;
    } while (token != null);

    assertThat(seen).hasSize(250);
    assertThat(pages).isEqualTo(3);
    List<AssociationSummary> one = eks().listAllPodIdentityAssociations(CLUSTER, "mxp-7-system");
    assertThat(one).singleElement().satisfies(s -> assertThat(s.namespace()).isEqualTo("mxp-7-system"));
  }

  @Test
  void aNextTokenThatWasNotGivenOutIsAnInvalidParameter() {
    assertThatThrownBy(() -> eks().listPodIdentityAssociations(CLUSTER, null, "bm90LWEtdG9rZW4", 10))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void anAddonIsEmptyUntilInstalled() {
    assertThat(eks().findAddon(CLUSTER, "eks-pod-identity-agent")).isEmpty();

    givenAddon(CLUSTER, "eks-pod-identity-agent");

    assertThat(eks().findAddon(CLUSTER, "eks-pod-identity-agent"))
        .hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("eks-pod-identity-agent"));
  }
}
