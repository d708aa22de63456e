package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.ResourceInUseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EKS Pod Identity associations and add-ons, as EKS answers them: create, describe, update, delete, tags; one
 * association per namespace and service account ({@code ResourceInUseException}); a role EKS cannot use
 * ({@code InvalidParameterException}: missing, or not trusting {@code pods.eks.amazonaws.com}); pages of at most 100
 * that list every association once; {@code ResourceNotFoundException} for what is not there. moto has none of this;
 * the fakes do.
 *
 * <p>Each test starts on a fresh cluster {@value #CLUSTER}, made by {@link #givenCluster}, so the kit may share one
 * account between tests.
 */
public abstract class PodIdentityAssociationContract {
  /** The cluster every test works on. */
  protected static final String CLUSTER = "contract-cluster";
  /** A trust policy EKS Pod Identity can use. */
  protected static final String POD_IDENTITY_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\","
      + "\"sts:TagSession\"]}]}";

  /** The EKS port under test. */
  protected abstract EksPort eks();

  /** The IAM port of the same account, to make the roles associations point at. */
  protected abstract IamPort iam();

  /** Creates a cluster (with an OIDC issuer) in the backend behind the ports, replacing one of that name. */
  protected abstract void givenCluster(String name);

  /** Installs an add-on on a cluster in the backend behind the ports. */
  protected abstract void givenAddon(String cluster, String addon);

  private String roleArn;

  @BeforeEach
  void cluster() {
    givenCluster(CLUSTER);
    roleArn = role(POD_IDENTITY_TRUST);
  }

  private String role(String trust) {
    return iam().createRole(new NewRole(IamPortContract.uniqueRole(), "/", trust, "pod identity", Map.of())).arn();
  }

  private Association create(String ns) {
    return eks().createPodIdentityAssociation(new NewAssociation(CLUSTER, ns, "vector", roleArn,
        Map.of("billing-identity.dev/managed-by", "billing-identity")));
  }

  private static void assertAwsError(ThrowingCallable call, Class<? extends AwsServiceException> type, String code,
      int status) {
    assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> {
      assertThat(((AwsServiceException) e).errorCode()).isEqualTo(code);
      assertThat(((AwsServiceException) e).statusCode()).isEqualTo(status);
    });
  }

  private List<AssociationSummary> listInPages(String namespace, int pageSize) {
    List<AssociationSummary> all = new ArrayList<>();
    String token = null;
    do {
      AssociationPage page = eks().listPodIdentityAssociations(CLUSTER, namespace, token, pageSize);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      all.addAll(page.items());
      token = page.nextToken().orElse(null);
    } while (token != null);
    return all;
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  void anAssociationIsCreatedDescribedUpdatedAndDeleted() {
    Association created = create("mxp-a-system");

    Association described = eks().describePodIdentityAssociation(CLUSTER, created.associationId());
    assertThat(described.namespace()).isEqualTo("mxp-a-system");
    assertThat(described.serviceAccount()).isEqualTo("vector");
    assertThat(described.clusterName()).isEqualTo(CLUSTER);
    assertThat(described.roleArn()).isEqualTo(roleArn);
    assertThat(described.tags()).containsEntry("billing-identity.dev/managed-by", "billing-identity");
    assertThat(created.associationId()).matches("a-[a-z0-9]{17}");
    assertThat(created.associationArn()).startsWith("arn:aws")
        .endsWith(":podidentityassociation/" + CLUSTER + "/" + created.associationId());

    String other = role("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
    Association updated = eks().updatePodIdentityAssociation(CLUSTER, created.associationId(), other);
    assertThat(updated.roleArn()).isEqualTo(other);
    Association after = eks().describePodIdentityAssociation(CLUSTER, created.associationId());
    assertThat(after.roleArn()).isEqualTo(other);
    assertThat(after.tags()).containsEntry("billing-identity.dev/managed-by", "billing-identity");

    eks().deletePodIdentityAssociation(CLUSTER, created.associationId());
    assertAwsError(() -> eks().describePodIdentityAssociation(CLUSTER, created.associationId()),
        NoSuchEntityException.class, "ResourceNotFoundException", 404);
  }

  @Test
  void aSecondAssociationForTheSameServiceAccountIsResourceInUse() {
    create("mxp-a-system");

    assertAwsError(() -> create("mxp-a-system"), ResourceInUseException.class, "ResourceInUseException", 409);
    assertThat(eks().listAllPodIdentityAssociations(CLUSTER, "mxp-a-system")).hasSize(1);
  }

  @Test
  void theSameServiceAccountNameMayBeAssociatedInEveryNamespaceAndAgainOnceDeleted() {
    Association a = create("mxp-a-system");
    create("mxp-b-system");

    eks().deletePodIdentityAssociation(CLUSTER, a.associationId());
    Association again = create("mxp-a-system");

    assertThat(again.associationId()).isNotEqualTo(a.associationId());
    assertThat(eks().listAllPodIdentityAssociations(CLUSTER, null)).extracting(AssociationSummary::namespace)
        .containsExactlyInAnyOrder("mxp-a-system", "mxp-b-system");
  }

  @Test
  void anAssociationToARoleThatDoesNotExistIsAnInvalidParameter() {
    String missing = roleArn.replaceAll("role/.*", "role/does-not-exist");

    assertAwsError(() -> eks().createPodIdentityAssociation(new NewAssociation(CLUSTER, "mxp-a-system", "vector",
        missing, Map.of())), InvalidParameterException.class, "InvalidParameterException", 400);
    Association a = create("mxp-a-system");
    assertAwsError(() -> eks().updatePodIdentityAssociation(CLUSTER, a.associationId(), missing),
        InvalidParameterException.class, "InvalidParameterException", 400);
    assertThat(eks().describePodIdentityAssociation(CLUSTER, a.associationId()).roleArn()).isEqualTo(roleArn);
  }

  @Test
  void anAssociationToARoleThatDoesNotTrustPodIdentityIsAnInvalidParameter() {
    String ec2Only = role(IamPortContract.TRUST);

    assertAwsError(() -> eks().createPodIdentityAssociation(new NewAssociation(CLUSTER, "mxp-a-system", "vector",
        ec2Only, Map.of())), InvalidParameterException.class, "InvalidParameterException", 400);
    assertThat(eks().listAllPodIdentityAssociations(CLUSTER, null)).isEmpty();
  }

  @Test
  void whatIsNotThereIsResourceNotFound() {
    String unknown = "a-0000000000000000x";

    assertAwsError(() -> eks().describePodIdentityAssociation(CLUSTER, unknown), NoSuchEntityException.class,
        "ResourceNotFoundException", 404);
    assertAwsError(() -> eks().updatePodIdentityAssociation(CLUSTER, unknown, roleArn), NoSuchEntityException.class,
        "ResourceNotFoundException", 404);
    assertAwsError(() -> eks().deletePodIdentityAssociation(CLUSTER, unknown), NoSuchEntityException.class,
        "ResourceNotFoundException", 404);
    assertAwsError(() -> eks().listPodIdentityAssociations("no-such-cluster", null, null, 10),
        NoSuchEntityException.class, "ResourceNotFoundException", 404);
    assertAwsError(() -> eks().createPodIdentityAssociation(new NewAssociation("no-such-cluster", "mxp-a-system",
        "vector", roleArn, Map.of())), NoSuchEntityException.class, "ResourceNotFoundException", 404);
  }

  // ---------------------------------------------------------------- pages

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
    assertThat(one).singleElement().satisfies(s -> {
      assertThat(s.namespace()).isEqualTo("mxp-7-system");
      assertThat(s.serviceAccount()).isEqualTo("vector");
      assertThat(s.clusterName()).isEqualTo(CLUSTER);
    });
  }

  @Test
  void pagesOfOneListEveryAssociationOfANamespaceOnce() {
    for (String sa : List.of("vector", "mxp-controller", "external-secrets")) {
      eks().createPodIdentityAssociation(new NewAssociation(CLUSTER, "mxp-a-system", sa, roleArn, Map.of()));
    }
    create("mxp-b-system");

    List<AssociationSummary> listed = listInPages("mxp-a-system", 1);

    assertThat(listed).extracting(AssociationSummary::serviceAccount)
        .containsExactlyInAnyOrder("vector", "mxp-controller", "external-secrets");
  }

  @Test
  void anEmptyClusterListsOnePageWithoutAToken() {
    AssociationPage page = eks().listPodIdentityAssociations(CLUSTER, null, null, 100);

    assertThat(page.items()).isEmpty();
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void aPageSizeOutsideOneToAHundredIsAnInvalidParameter() {
    assertAwsError(() -> eks().listPodIdentityAssociations(CLUSTER, null, null, 0), InvalidParameterException.class,
        "InvalidParameterException", 400);
    assertAwsError(() -> eks().listPodIdentityAssociations(CLUSTER, null, null, 101),
        InvalidParameterException.class, "InvalidParameterException", 400);
  }

  @Test
  void aNextTokenThatWasNotGivenOutIsAnInvalidParameter() {
    assertAwsError(() -> eks().listPodIdentityAssociations(CLUSTER, null, "bm90LWEtdG9rZW4", 10),
        InvalidParameterException.class, "InvalidParameterException", 400);
  }

  // ---------------------------------------------------------------- add-ons

  @Test
  void anAddonIsEmptyUntilInstalled() {
    assertThat(eks().findAddon(CLUSTER, "eks-pod-identity-agent")).isEmpty();

    givenAddon(CLUSTER, "eks-pod-identity-agent");

    assertThat(eks().findAddon(CLUSTER, "eks-pod-identity-agent"))
        .hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("eks-pod-identity-agent"));
  }

  @Test
  void anAddonIsCreatedOnceAndASecondCreateIsResourceInUse() {
    eks().createAddon(CLUSTER, "eks-pod-identity-agent");

    assertThat(eks().findAddon(CLUSTER, "eks-pod-identity-agent")).isPresent();
    assertAwsError(() -> eks().createAddon(CLUSTER, "eks-pod-identity-agent"), ResourceInUseException.class,
        "ResourceInUseException", 409);
  }

  @Test
  void theAddonOfAClusterThatDoesNotExistIsEmpty() {
    // EKS answers ResourceNotFoundException for the cluster and for the add-on alike: a port cannot tell them apart.
    assertThat(eks().findAddon("no-such-cluster", "eks-pod-identity-agent")).isEmpty();
  }
}
