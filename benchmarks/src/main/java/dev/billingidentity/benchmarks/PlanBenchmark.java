package dev.billingidentity.benchmarks;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Plan;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.testing.FakeSpace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Computes a plan for N control planes over the in-memory fakes (no latency): observation, desired state and diff,
 * for a Space whose identity is already in place (the steady state an operator re-plans in). For Pod Identity past
 * 5,000 control planes the plan is blocked by EKS's cap, but still computed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class PlanBenchmark {
  @Param({"10", "100", "1000", "10000"})
  public int controlPlanes;

  @Param({"irsa", "pod-identity"})
  public String mode;

  private BillingIdentity identity;

  @Setup(Level.Trial)
  public void setUp() {
    FakeSpace space = FakeSpace.withControlPlanes(controlPlanes).build();
    BillingStorage storage = BillingStorage.s3("us-east-1", "acme-billing");
    IamRole role = IamRole.named("spaces-billing");
    BillingIdentity bi = mode.equals("irsa")
        ? BillingIdentity.irsa(IrsaSettings.builder().cluster(FakeSpace.CLUSTER).role(role).storage(storage)
            .allowHostNamespacePattern(true).build())
        : BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(FakeSpace.CLUSTER).role(role)
            .storage(storage).build());
    identity = bi.using(space.aws().backend(), space.cluster()).forControlPlanes(ControlPlanes.discovered());
    if (controlPlanes <= 5000) {
      identity.apply();
    }
  }

  @Benchmark
  public Plan plan() {
    return identity.plan();
  }
}
