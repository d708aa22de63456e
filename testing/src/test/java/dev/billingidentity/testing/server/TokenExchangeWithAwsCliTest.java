package dev.billingidentity.testing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real aws CLI (v1, which must be on {@code PATH}) against the fake AWS server: {@code aws sts
 * assume-role-with-web-identity} and {@code aws eks-auth assume-role-for-pod-identity} get a session for vector's
 * token, {@code aws s3api head-bucket} reaches the bucket with it, and the refusals read as AWS's.
 */
class TokenExchangeWithAwsCliTest {
  private static final String NS = "mxp-11111111-1111-1111-1111-111111111111-system";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String S3_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::acme-billing\"}]}";

  @TempDir
  Path dir;

  private final InMemoryAws aws = new InMemoryAws();
  private final String issuer = aws.givenCluster("spaces-prod");
  private RSAKey key;
  private FakeAwsServer server;

  @BeforeEach
  void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("cli-test").generate();
    aws.trustIssuerKeys(issuer, new JWKSet(key.toPublicJWK()).toString());
    aws.s3().givenBucket("acme-billing", "us-east-1");
    server = FakeAwsServer.start(aws);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String namespace, String audience) throws Exception {
    Instant now = Instant.now();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().issuer(issuer).subject("system:serviceaccount:" + namespace + ":vector")
            .audience(audience).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void stsAssumeRoleWithWebIdentityThenHeadBucketWithTheSession() throws Exception {
    String hostPath = issuer.substring("https://".length());
    String provider = aws.givenOidcProvider(issuer);
    aws.givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Federated\":\"" + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
        + "{\"StringEquals\":{\"" + hostPath + ":sub\":\"system:serviceaccount:" + NS + ":vector\"}}}]}", Map.of());
    aws.givenRolePolicy("spaces-billing", "billing-identity-s3", S3_POLICY);
    String role = aws.role("spaces-billing").orElseThrow().arn();

    Run ok = aws(Map.of(), "sts", "assume-role-with-web-identity", "--role-arn", role, "--role-session-name", "probe",
        "--web-identity-token", token(NS, "sts.amazonaws.com"));
    assertThat(ok.code()).as(ok.err()).isZero();
    JsonNode answer = JSON.readTree(ok.out());
    assertThat(answer.path("AssumedRoleUser").path("Arn").asText())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/spaces-billing/probe");
    assertThat(answer.path("SubjectFromWebIdentityToken").asText()).isEqualTo("system:serviceaccount:" + NS
        + ":vector");
    assertThat(headBucketAs(answer.path("Credentials"), "AccessKeyId", "SecretAccessKey", "SessionToken").code())
        .isZero();

    Run refused = aws(Map.of(), "sts", "assume-role-with-web-identity", "--role-arn", role, "--role-session-name",
        "probe", "--web-identity-token", token("mxp-added-later-system", "sts.amazonaws.com"));
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("(AccessDenied)", "Not authorized to perform sts:AssumeRoleWithWebIdentity");

    String good = token(NS, "sts.amazonaws.com");
    Run tampered = aws(Map.of(), "sts", "assume-role-with-web-identity", "--role-arn", role, "--role-session-name",
        "probe", "--web-identity-token", good.substring(0, good.length() - 6) + "AAAAAA");
    assertThat(tampered.code()).isNotZero();
    assertThat(tampered.err()).contains("(InvalidIdentityToken)");
  }

  @Test
  void eksAuthAssumeRoleForPodIdentityThenHeadBucketWithTheSession() throws Exception {
    aws.givenRole("spaces-billing", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":"
        + "{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}]}", Map.of());
    aws.givenRolePolicy("spaces-billing", "billing-identity-s3", S3_POLICY);
    aws.givenAssociation("spaces-prod", NS, "vector", aws.role("spaces-billing").orElseThrow().arn(), Map.of());

    Run ok = aws(Map.of(), "eks-auth", "assume-role-for-pod-identity", "--cluster-name", "spaces-prod", "--token",
        token(NS, "pods.eks.amazonaws.com"));
    assertThat(ok.code()).as(ok.err()).isZero();
    JsonNode answer = JSON.readTree(ok.out());
    assertThat(answer.path("subject").path("namespace").asText()).isEqualTo(NS);
    assertThat(answer.path("assumedRoleUser").path("arn").asText())
        .startsWith("arn:aws:sts::123456789012:assumed-role/spaces-billing/eks-spaces-prod-vector-");
    assertThat(headBucketAs(answer.path("credentials"), "accessKeyId", "secretAccessKey", "sessionToken").code())
        .isZero();

    Run noAssociation = aws(Map.of(), "eks-auth", "assume-role-for-pod-identity", "--cluster-name", "spaces-prod",
        "--token", token("mxp-added-later-system", "pods.eks.amazonaws.com"));
    assertThat(noAssociation.code()).isNotZero();
    assertThat(noAssociation.err()).contains("(ResourceNotFoundException)");
    Run wrongAudience = aws(Map.of(), "eks-auth", "assume-role-for-pod-identity", "--cluster-name", "spaces-prod",
        "--token", token(NS, "sts.amazonaws.com"));
    assertThat(wrongAudience.err()).contains("(InvalidTokenException)");
  }

  /** {@code aws s3api head-bucket} signed with a session's credentials. */
  private Run headBucketAs(JsonNode credentials, String id, String secret, String token) throws Exception {
    return aws(Map.of("AWS_ACCESS_KEY_ID", credentials.path(id).asText(), "AWS_SECRET_ACCESS_KEY",
        credentials.path(secret).asText(), "AWS_SESSION_TOKEN", credentials.path(token).asText()),
        "s3api", "head-bucket", "--bucket", "acme-billing");
  }

  private record Run(int code, String out, String err) {}

  private Run aws(Map<String, String> moreEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(onPath("aws"), "--endpoint-url", server.endpoint().toString(),
        "--region", "us-east-1", "--output", "json"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "AKIAFAKECLITEST00000");
    env.put("AWS_SECRET_ACCESS_KEY", "fake-secret");
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(moreEnv);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("aws " + args[0] + " " + args[1] + " did not finish in 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String onPath(String name) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, name))) {
        return Path.of(folder, name).toString();
      }
    }
    return fail("no " + name + " on PATH: this test drives the fake AWS server with the real aws CLI v1");
  }
}
