package dev.billingidentity.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.testing.FakeSpace;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.cluster.InMemoryCluster;
import dev.billingidentity.testing.fault.CallLog;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The extension gives every test its own Space, and every parameter of one test comes from it. */
@WithFakes
@SpaceSize(2)
class BillingIdentityFakesTest {
  private static final Set<Integer> SPACES_SEEN = ConcurrentHashMap.newKeySet();
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final FakeSpace constructed;
  private FakeSpace beforeEach;

  BillingIdentityFakesTest(FakeSpace space) {
    this.constructed = space;
  }

  @BeforeEach
  void setUp(FakeSpace space) {
    this.beforeEach = space;
  }

  @Test
  void everyParameterOfOneTestComesFromTheSameSpace(FakeSpace space, InMemoryAws aws, InMemoryCluster cluster,
      CallLog calls) {
    assertThat(space).isSameAs(constructed).isSameAs(beforeEach);
    assertThat(space.aws()).isSameAs(aws);
    assertThat(space.cluster()).isSameAs(cluster);
    assertThat(aws.calls()).isSameAs(calls);
  }

  @RepeatedTest(3)
  void everyTestGetsAFreshSpaceWithNoCallsAndNoStateOfAnother(FakeSpace space, CallLog calls) {
    assertThat(SPACES_SEEN.add(System.identityHashCode(space))).as("a Space seen by an earlier test").isTrue();
    assertThat(calls.total()).isZero();
    assertThat(space.aws().role("left-over")).isEmpty();

    space.aws().createRole(new NewRole("left-over", "/", TRUST, "", Map.of()));
    space.aws().faults().throttleNext("GetRole", 100);
  }

  @Test
  void theClassSizesTheSpace(FakeSpace space) {
    assertThat(space.hostNamespaces()).hasSize(2);
  }

  @Test
  @SpaceSize(5)
  void theMethodSizesTheSpaceOverTheClass(FakeSpace space) {
    assertThat(space.hostNamespaces()).hasSize(5);
  }
}
