package dev.billingidentity.benchmarks;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Renders the IRSA trust policy (compact form) for N control planes, measures its size, and parses it back: the
 * pure work of every IRSA plan, without I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyRenderingBenchmark {
  private static final AwsAccount ACCOUNT = AwsAccount.of("123456789012", Partition.AWS);
  private static final OidcIssuer ISSUER =
      OidcIssuer.of("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");

  @Param({"10", "100", "1000", "10000"})
  public int controlPlanes;

  private List<String> subjects;
  private String rendered;

  @Setup
  public void setUp() {
    subjects = new ArrayList<>();
    for (int i = 0; i < controlPlanes; i++) {
      subjects.add(BillingPolicies.subject("mxp-" + new UUID(0, i) + "-system", "vector"));
    }
    rendered = render();
  }

  @Benchmark
  public String renderTrust() {
    return render();
  }

  @Benchmark
  public int parseAndMeasureTrust() {
    return PolicyDocument.parse(rendered).size();
  }

  private String render() {
    return PolicyDocument.of(BillingPolicies.irsaStatement(ACCOUNT, ISSUER, subjects)).toJson();
  }
}
