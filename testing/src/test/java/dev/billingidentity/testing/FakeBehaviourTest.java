package dev.billingidentity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.billingidentity.helm.HelmValues;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.spi.cluster.WorkloadKind;
import dev.billingidentity.spi.cluster.WorkloadRef;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.IdentityEnv;
import dev.billingidentity.testing.junit.BillingIdentityFakes;
import dev.billingidentity.testing.junit.SpaceSize;
import dev.billingidentity.testing.fault.CallLog;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fakes' fault injection, eventual consistency, call log and admission behaviour. */
@ExtendWith(BillingIdentityFakes.class)
class FakeBehaviourTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
      + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @Test
  void throttlesTheNextCallsThenAnswersAndLogsEveryCall(InMemoryAws aws, CallLog calls) {
    aws.faults().throttleNext("GetRole", 2);

    assertThatThrownBy(() -> aws.findRole("x")).isInstanceOf(ThrottlingException.class)
        .satisfies(e -> assertThat(((ThrottlingException) e).errorCode()).isEqualTo("Throttling"));
    assertThatThrownBy(() -> aws.findRole("x")).isInstanceOf(ThrottlingException.class);
    assertThat(aws.findRole("x")).isEmpty();
    assertThat(calls.count("GetRole")).isEqualTo(3);
    assertThat(calls.reads()).isEqualTo(3);
    assertThat(calls.writes()).isZero();
  }

  @Test
  void failsExactlyCallKOfAnOperation(InMemoryAws aws) {
    aws.faults().failCall("CreateRole", 2, () -> InMemoryAws.internalFailure("IAM", "CreateRole"));

    aws.createRole(new NewRole("one", "/", TRUST, "", Map.of()));
    assertThatThrownBy(() -> aws.createRole(new NewRole("two", "/", TRUST, "", Map.of())))
        .isInstanceOf(AwsServiceException.class).hasMessageContaining("InternalFailure (HTTP 500)");
    aws.createRole(new NewRole("three", "/", TRUST, "", Map.of()));
    assertThat(aws.role("two")).isEmpty();
    assertThat(aws.role("three")).isPresent();
  }

  @Test
  void aNewRoleIsInvisibleToEksForTheSetNumberOfCalls(FakeSpace space) {
    InMemoryAws aws = space.aws();
    aws.visibilityDelay(3);
    String arn = aws.createRole(new NewRole("fresh", "/", TRUST, "", Map.of())).arn();
    NewAssociation a = new NewAssociation(space.clusterName(), space.hostNamespaces().get(0), "vector", arn, Map.of());

    assertThatThrownBy(() -> aws.createPodIdentityAssociation(a)).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> aws.createPodIdentityAssociation(a)).isInstanceOf(InvalidParameterException.class);
    assertThat(aws.createPodIdentityAssociation(a).roleArn()).isEqualTo(arn);
  }

  @Test
  void podsGetCredentialsOnlyWhenCreatedAfterTheIdentityExists(@SpaceSize(2) FakeSpace space) {
    String irsaNs = space.hostNamespaces().get(0);
    String podNs = space.hostNamespaces().get(1);
    String roleArn = "arn:aws:iam::123456789012:role/spaces-billing";
    space.applyHelmValues(HelmValues.irsa(dev.billingidentity.aws.BillingStorage.s3("us-east-1", "b-1"), roleArn));
    space.aws().givenAssociation(space.clusterName(), podNs, "vector", roleArn, Map.of());

    assertThat(space.cluster().allPods()).allSatisfy(p -> assertThat(IdentityEnv.hasCredentials(p.env())).isFalse());

    space.cluster().restart(new WorkloadRef(WorkloadKind.DEPLOYMENT, irsaNs, "vector"), Instant.now());
    space.cluster().restart(new WorkloadRef(WorkloadKind.DEPLOYMENT, podNs, "vector"), Instant.now());

    assertThat(space.cluster().pods(irsaNs)).singleElement()
        .satisfies(p -> assertThat(p.env()).containsAllEntriesOf(IdentityEnv.irsa(roleArn)));
    assertThat(space.cluster().pods(podNs)).singleElement()
        .satisfies(p -> assertThat(p.env()).containsAllEntriesOf(IdentityEnv.irsa(roleArn))
            .containsAllEntriesOf(IdentityEnv.podIdentity()));
  }

  @Test
  void everyParameterOfOneTestComesFromTheSameSpace(FakeSpace space, InMemoryAws aws, CallLog calls) {
    assertThat(space.aws()).isSameAs(aws);
    assertThat(aws.calls()).isSameAs(calls);
    assertThat(space.hostNamespaces()).hasSize(3);
  }
}
