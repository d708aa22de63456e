package dev.billingidentity.examples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.billingidentity.BillingIdentity;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.space.ControlPlanes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The sandbox as a person looks at it: the real aws CLI (v1) and kubectl (1.32), each a process bounded by a timeout,
 * against an in-process sandbox after the library applied IRSA and Pod Identity to it, their JSON output parsed. Both
 * tools must be on {@code PATH} (CI machines have them): a missing one fails the test, naming it, rather than
 * skipping it.
 */
class SandboxWithAwsCliAndKubectlTest {
  private static final long TIMEOUT_SECONDS = 90;
  private static final String IRSA_ROLE = "spaces-billing";
  private static final String POD_IDENTITY_ROLE = "spaces-billing-pod-identity";
  private static final BillingStorage STORAGE = BillingStorage.s3(Sandbox.REGION, "acme-billing");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path aws;
  private static Path kubectl;

  @TempDir Path dir;
  private Sandbox sandbox;
  private Path kubeconfig;
  private String hostNamespace;

  @BeforeAll
  static void findTools() {
    aws = onPath("aws", "the aws CLI v1 (pip install awscli)");
    kubectl = onPath("kubectl", "kubectl 1.32 (the Kubernetes apt repository's kubectl package)");
  }

  @BeforeEach
  void startAndApply() {
    sandbox = Sandbox.builder().controlPlanes(2).start();
    kubeconfig = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
    hostNamespace = sandbox.hostNamespaces().get(0);
    try (AwsAdapters adapters = AwsAdapters.builder().region(Sandbox.REGION).endpointOverride(sandbox.awsEndpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Sandbox.ACCESS_KEY_ID, Sandbox.SECRET_ACCESS_KEY)))
        .build()) {
      Fabric8Cluster cluster = new Fabric8Cluster(sandbox.kubernetesClient());
      BillingIdentity.irsa(IrsaSettings.builder().cluster(Sandbox.CLUSTER).role(IamRole.named(IRSA_ROLE))
          .storage(STORAGE).build()).using(adapters.backend(), cluster).forControlPlanes(ControlPlanes.discovered())
          .apply();
      BillingIdentity.podIdentity(PodIdentitySettings.builder().cluster(Sandbox.CLUSTER)
          .role(IamRole.named(POD_IDENTITY_ROLE)).storage(STORAGE).build()).using(adapters.backend(), cluster)
          .forControlPlanes(ControlPlanes.discovered()).apply();
    }
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void theAwsCliReadsTheClusterTheRolesAndTheAssociationsTheApplyWrote() throws Exception {
    assertThat(awsJson("eks", "list-clusters").get("clusters")).extracting(JsonNode::asText)
        .containsExactly(Sandbox.CLUSTER);
    assertThat(awsJson("eks", "list-addons", "--cluster-name", Sandbox.CLUSTER).get("addons"))
        .extracting(JsonNode::asText).containsExactly("eks-pod-identity-agent");
    assertThat(awsJson("eks", "describe-addon", "--cluster-name", Sandbox.CLUSTER, "--addon-name",
        "eks-pod-identity-agent").at("/addon/status").asText()).isEqualTo("ACTIVE");
    JsonNode associations = awsJson("eks", "list-pod-identity-associations", "--cluster-name", Sandbox.CLUSTER,
        "--namespace", hostNamespace, "--service-account", "vector").get("associations");
    assertThat(associations).hasSize(1);
    JsonNode association = awsJson("eks", "describe-pod-identity-association", "--cluster-name", Sandbox.CLUSTER,
        "--association-id", associations.get(0).get("associationId").asText()).get("association");
    assertThat(association.get("namespace").asText()).isEqualTo(hostNamespace);
    assertThat(association.get("roleArn").asText()).endsWith(":role/" + POD_IDENTITY_ROLE);

    JsonNode roles = awsJson("iam", "list-roles").get("Roles");
    assertThat(roles).extracting(r -> r.get("RoleName").asText())
        .containsExactlyInAnyOrder(IRSA_ROLE, POD_IDENTITY_ROLE);
    // The CLI decodes IAM's URL-encoded documents into JSON: the fake must have encoded them as IAM does.
    JsonNode irsaTrust = StreamSupport.stream(roles.spliterator(), false)
        .filter(r -> r.get("RoleName").asText().equals(IRSA_ROLE)).findFirst().orElseThrow()
        .at("/AssumeRolePolicyDocument/Statement/0");
    assertThat(irsaTrust.get("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
    assertThat(irsaTrust.toString()).contains("system:serviceaccount:" + hostNamespace + ":vector");
    JsonNode role = awsJson("iam", "get-role", "--role-name", IRSA_ROLE).get("Role");
    assertThat(role.get("Arn").asText()).isEqualTo("arn:aws:iam::" + Sandbox.ACCOUNT_ID + ":role/" + IRSA_ROLE);
    assertThat(role.get("Tags")).isNotEmpty();
    assertThat(awsJson("iam", "list-role-tags", "--role-name", IRSA_ROLE).get("Tags"))
        .extracting(t -> t.get("Key").asText())
        .containsExactlyInAnyOrderElementsOf(role.get("Tags").findValuesAsText("Key"));
    JsonNode policyNames = awsJson("iam", "list-role-policies", "--role-name", IRSA_ROLE).get("PolicyNames");
    assertThat(policyNames).hasSize(1);
    JsonNode policy = awsJson("iam", "get-role-policy", "--role-name", IRSA_ROLE, "--policy-name",
        policyNames.get(0).asText()).get("PolicyDocument");
    assertThat(policy.toString()).contains("arn:aws:s3:::acme-billing/*", "s3:PutObject");

    JsonNode providers = awsJson("iam", "list-open-id-connect-providers").get("OpenIDConnectProviderList");
    String issuerHostPath = sandbox.oidcIssuer().substring("https://".length());
    assertThat(providers).singleElement().satisfies(p -> assertThat(p.get("Arn").asText()).endsWith(issuerHostPath));
    JsonNode provider = awsJson("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn",
        providers.get(0).get("Arn").asText());
    assertThat(provider.get("Url").asText()).isEqualTo(issuerHostPath);
    assertThat(provider.get("ClientIDList")).extracting(JsonNode::asText).containsExactly("sts.amazonaws.com");

    assertThat(awsJson("sts", "get-caller-identity").get("Account").asText()).isEqualTo(Sandbox.ACCOUNT_ID);
  }

  @Test
  void theExportsTheSandboxPrintsAreEnoughForTheAwsCli() throws Exception {
    // No --endpoint-url, no --region: AWS_ENDPOINT_URL and AWS_DEFAULT_REGION (the CLI v1 ignores AWS_REGION).
    Run run = run(List.of(aws.toString(), "sts", "get-caller-identity", "--output", "json"));

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(JSON.readTree(run.stdout()).get("Account").asText()).isEqualTo(Sandbox.ACCOUNT_ID);
  }

  @Test
  void anOperationTheFakeDoesNotServeIsAwsErrorAndTheCliSaysSo() throws Exception {
    Run nodegroups = awsCli("eks", "list-nodegroups", "--cluster-name", Sandbox.CLUSTER);
    Run users = awsCli("iam", "list-users");

    assertThat(nodegroups.exit()).isEqualTo(255);
    assertThat(nodegroups.stderr()).contains("UnknownOperationException", "ListNodegroups");
    assertThat(users.exit()).isEqualTo(255);
    assertThat(users.stderr()).contains("InvalidAction", "ListUsers");
  }

  @Test
  void kubectlCreatesAppliesGetsAndDeletesNamespacesAndControlPlanes() throws Exception {
    assertThat(kubectlJson("get", "ns").get("items")).extracting(n -> n.at("/metadata/name").asText())
        .contains("default", hostNamespace);
    assertThat(kubectlJson("get", "sa", "vector", "-n", hostNamespace).at("/metadata/name").asText())
        .isEqualTo("vector");

    ok(kubectl("create", "namespace", "team-z"));
    assertThat(kubectlJson("get", "ns", "team-z").at("/metadata/name").asText()).isEqualTo("team-z");
    assertThat(kubectl("create", "namespace", "team-z").stderr())
        .contains("AlreadyExists", "namespaces \"team-z\" already exists");

    Path ns = write("ns.yaml", namespace("team-y", "a"));
    ok(kubectl("apply", "-f", ns.toString()));
    ok(kubectl("apply", "-f", write("ns.yaml", namespace("team-y", "b")).toString()));
    assertThat(kubectlJson("get", "ns", "team-y").at("/metadata/labels/tier").asText()).isEqualTo("b");

    Path cp = write("cp.yaml", controlPlane("ctp-by-hand", "team-z", "kubeconfig-a"));
    ok(kubectl("create", "-f", cp.toString()));
    ok(kubectl("apply", "-f", write("cp.yaml", controlPlane("ctp-by-hand", "team-z", "kubeconfig-b")).toString()));
    assertThat(kubectlJson("get", "controlplane", "ctp-by-hand", "-n", "team-z")
        .at("/spec/writeConnectionSecretToRef/name").asText()).isEqualTo("kubeconfig-b");
    assertThat(kubectlJson("get", "controlplanes", "-A").get("items")).extracting(c -> c.at("/metadata/name").asText())
        .contains("ctp-0", "ctp-1", "ctp-by-hand");

    ok(kubectl("delete", "-f", cp.toString()));
    ok(kubectl("delete", "namespace", "team-z", "team-y"));
    assertThat(kubectl("get", "ns", "team-z").stderr()).contains("NotFound", "namespaces \"team-z\" not found");
    assertThat(kubectlJson("get", "ctp", "-A").get("items")).extracting(c -> c.at("/metadata/name").asText())
        .doesNotContain("ctp-by-hand");
  }

  @Test
  void aServerSideDryRunOfKubectlChangesNothing() throws Exception {
    ok(kubectl("create", "namespace", "dry", "--dry-run=server"));
    ok(kubectl("delete", "namespace", hostNamespace, "--dry-run=server"));

    assertThat(kubectl("get", "ns", "dry").exit()).isEqualTo(1);
    assertThat(kubectlJson("get", "ns", hostNamespace).at("/metadata/name").asText()).isEqualTo(hostNamespace);
  }

  @Test
  void kubectlCreateTokenGetsVectorATokenSignedByTheSandboxsIssuerForTheAudienceAndDuration() throws Exception {
    // kubectl 1.32 sends the TokenRequest as protobuf (Accept: protobuf, json); the sandbox answers JSON.
    Run created = ok(kubectl("create", "token", "vector", "-n", hostNamespace, "--audience", "sts.amazonaws.com",
        "--duration", "10m"));

    JWSObject jws = JWSObject.parse(created.stdout().trim());
    assertThat(jws.verify(new RSASSAVerifier(sandbox.issuer().publicKey()))).as("signed by the sandbox's issuer")
        .isTrue();
    assertThat(jws.getHeader().getKeyID()).isEqualTo(sandbox.issuer().keyId());
    Map<String, Object> claims = jws.getPayload().toJSONObject();
    assertThat(claims).containsEntry("iss", awsJson("eks", "describe-cluster", "--name", Sandbox.CLUSTER)
            .at("/cluster/identity/oidc/issuer").asText())
        .containsEntry("sub", "system:serviceaccount:" + hostNamespace + ":vector")
        .containsEntry("aud", List.of("sts.amazonaws.com"));
    assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(600);
    assertThat(claims.get("kubernetes.io").toString()).contains("serviceaccount", "vector",
        sandbox.kubernetesClient().serviceAccounts().inNamespace(hostNamespace).withName("vector").get()
            .getMetadata().getUid());
  }

  @Test
  void kubectlCreateTokenForAMissingServiceAccountOrUnderTenMinutesFailsAsOnAnApiServer() throws Exception {
    Run missing = kubectl("create", "token", "nobody", "-n", hostNamespace, "--audience", "sts.amazonaws.com");
    Run tooShort = kubectl("create", "token", "vector", "-n", hostNamespace, "--duration", "5m");

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.stderr()).contains("failed to create token: serviceaccounts \"nobody\" not found");
    assertThat(tooShort.exit()).isEqualTo(1);
    assertThat(tooShort.stderr()).contains("may not specify a duration less than 10 minutes");
    assertThat(missing.stdout() + tooShort.stdout()).isEmpty();
  }

  @Test
  void vectorsChainThroughKubectlAndTheAwsCliAsTheProbeWalksIt() throws Exception {
    String irsaRole = "arn:aws:iam::" + Sandbox.ACCOUNT_ID + ":role/" + IRSA_ROLE;
    String token = ok(kubectl("create", "token", "vector", "-n", hostNamespace, "--audience", "sts.amazonaws.com"))
        .stdout().trim();

    JsonNode session = awsJson("sts", "assume-role-with-web-identity", "--role-arn", irsaRole, "--role-session-name",
        "probe", "--web-identity-token", token);
    assertThat(session.at("/AssumedRoleUser/Arn").asText()).endsWith(":assumed-role/" + IRSA_ROLE + "/probe");
    JsonNode credentials = session.get("Credentials");
    Run head = run(List.of(aws.toString(), "--endpoint-url", sandbox.awsEndpoint().toString(), "--region",
        Sandbox.REGION, "s3api", "head-bucket", "--bucket", Sandbox.BUCKET), Map.of(
        "AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
        "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
        "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()));
    assertThat(head.exit()).as(head.stderr()).isZero();

    int at = token.lastIndexOf('.') + 5;
    String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    Run refused = awsCli("sts", "assume-role-with-web-identity", "--role-arn", irsaRole, "--role-session-name",
        "probe", "--web-identity-token", tampered);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.stderr()).contains("(InvalidIdentityToken)");

    String later = sandbox.addControlPlane("default");
    String laterToken = ok(kubectl("create", "token", "vector", "-n", later, "--audience", "sts.amazonaws.com"))
        .stdout().trim();
    Run denied = awsCli("sts", "assume-role-with-web-identity", "--role-arn", irsaRole, "--role-session-name",
        "probe", "--web-identity-token", laterToken);
    assertThat(denied.stderr()).contains("(AccessDenied)", "Not authorized to perform sts:AssumeRoleWithWebIdentity");

    String podToken = ok(kubectl("create", "token", "vector", "-n", hostNamespace, "--audience",
        "pods.eks.amazonaws.com")).stdout().trim();
    JsonNode pod = awsJson("eks-auth", "assume-role-for-pod-identity", "--cluster-name", Sandbox.CLUSTER, "--token",
        podToken);
    assertThat(pod.at("/assumedRoleUser/arn").asText()).contains(":assumed-role/" + POD_IDENTITY_ROLE + "/eks-");
    assertThat(pod.at("/subject/namespace").asText()).isEqualTo(hostNamespace);
  }

  private static String namespace(String name, String tier) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels:
            tier: %s
        """.formatted(name, tier);
  }

  private static String controlPlane(String name, String group, String secret) {
    return """
        apiVersion: spaces.upbound.io/v1beta1
        kind: ControlPlane
        metadata:
          name: %s
          namespace: %s
        spec:
          writeConnectionSecretToRef:
            name: %s
        """.formatted(name, group, secret);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  // ---------------------------------------------------------------- running the tools

  private record Run(List<String> command, int exit, String stdout, String stderr) {}

  private JsonNode awsJson(String... args) throws Exception {
    return JSON.readTree(ok(awsCli(args)).stdout());
  }

  /** {@code aws --endpoint-url <sandbox> --region us-east-1 ARGS --output json}. */
  private Run awsCli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(aws.toString(), "--endpoint-url", sandbox.awsEndpoint().toString(),
        "--region", Sandbox.REGION));
    command.addAll(List.of(args));
    command.addAll(List.of("--output", "json"));
    return run(command);
  }

  private JsonNode kubectlJson(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-o", "json"));
    return JSON.readTree(ok(kubectl(all.toArray(String[]::new))).stdout());
  }

  /** {@code kubectl ARGS} with the sandbox's kubeconfig and a discovery cache of this test's own. */
  private Run kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "20s"));
    command.addAll(List.of(args));
    return run(command);
  }

  private static Run ok(Run run) {
    assertThat(run.exit()).as("%s failed: %s", String.join(" ", run.command()), run.stderr()).isZero();
    return run;
  }

  /**
   * Runs {@code command} with the environment the sandbox prints to export, and nothing of the user's AWS or kubectl
   * configuration; fails the test if it has not ended within {@value #TIMEOUT_SECONDS} seconds.
   */
  private Run run(List<String> command) throws Exception {
    return run(command, Map.of());
  }

  /** {@link #run(List)} with {@code more} in the environment, e.g. a session's credentials instead of the sandbox's. */
  private Run run(List<String> command, Map<String, String> more) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("KUBECONFIG"));
    env.putAll(sandbox.environment(kubeconfig));
    env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(more);
    Process process = pb.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s; it printed: "
          + Files.readString(out) + Files.readString(err));
    }
    return new Run(command, process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The executable {@code name} on {@code PATH}; fails naming what to install when there is none. */
  private static Path onPath(String name, String what) {
    Map<String, String> env = new HashMap<>(System.getenv());
    for (String folder : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail("no " + name + " on PATH (" + env.getOrDefault("PATH", "") + "): this test drives the sandbox with "
        + what + "; install it, CI machines have it");
  }
}
