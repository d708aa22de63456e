package dev.billingidentity.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.spi.aws.AddonInfo;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.CallerIdentity;
import dev.billingidentity.spi.aws.ClusterInfo;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.spi.aws.ThrottlingException;
import dev.billingidentity.testing.fault.CallCounts;
import dev.billingidentity.testing.fault.CallLog;
import dev.billingidentity.testing.fault.Faults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * IAM, STS and EKS of one AWS account in memory, and its S3 ({@link #s3()}), STS web identity federation
 * ({@code InMemorySts}) and EKS Auth ({@code InMemoryEksAuth}), each a class of its own sharing this account's state,
 * call log and faults, failing the way AWS fails, so that code tested here meets no surprise in production:
 *
 * <ul>
 *   <li><b>AWS's errors</b>, as the library's typed exceptions with AWS's codes, statuses and messages: no such entity
 *       (404), entity already exists (409), {@code LimitExceeded} (409) past the trust policy quota
 *       ({@code Cannot exceed quota for ACLSizePerRole: 2048}), {@code MalformedPolicyDocument} (400) for what IAM's
 *       policy grammar refuses, {@code DeleteConflict} (409) for a role that still has inline policies,
 *       {@code InvalidInput} (400) for a permissions boundary that is not a managed policy's ARN,
 *       {@code ValidationError} (400) for tags, descriptions and session durations outside IAM's model,
 *       {@code ResourceInUseException} (409) for a second association of one service account,
 *       {@code InvalidParameterException} (400) for an association to a role EKS does not see (yet) or whose trust
 *       does not let EKS Pod Identity assume it, {@code ResourceNotFoundException} (404) for EKS;</li>
 *   <li><b>AWS's quotas</b>: the trust policy size (2,048 characters of minified JSON by default, settable as a quota
 *       increase would), 10,240 characters of inline policies per role, 50 tags per role, 1,000 roles and 100 OIDC
 *       providers per account, 5,000 associations per cluster;</li>
 *   <li><b>paged lists</b> with opaque tokens, and EKS's 1 to 100 {@code maxResults};</li>
 *   <li><b>eventual consistency</b> on request ({@link #visibilityDelay(int)}, {@link #visibilityDelay(Duration)}): a
 *       new role, or a trust change, reaches EKS and STS only after a number of calls or a delay;</li>
 *   <li><b>the token exchanges decided as AWS decides</b>: {@code AssumeRoleWithWebIdentity} and
 *       {@code AssumeRoleForPodIdentity} check the token's signature against its issuer's keys
 *       ({@link #trustIssuerKeys}), its expiry, issuer and audience, then evaluate the role's trust as IAM does
 *       ({@link dev.billingidentity.testing.aws.iam.TrustPolicyEvaluator}); S3 judges the sessions they issue by the
 *       role's inline policies;</li>
 *   <li><b>rate limits</b> as AWS's token buckets, one per service, answered with the service's throttling error
 *       ({@code aws.faults().rateLimit("EKS", RateLimit.perSecond(20))}), and counted per service
 *       ({@link #callsByService()});</li>
 *   <li><b>fault injection</b> ({@link #faults()}) and a <b>call log</b> ({@link #calls()}).</li>
 * </ul>
 *
 * <p>Methods named {@code given...}, and the inspection methods, seed and read the state directly: they log no call
 * and inject no fault, so that arranging a test does not disturb what it asserts. Thread-safe: the strategies call
 * the ports from several threads.
 *
 * <pre>{@code
 * InMemoryAws aws = new InMemoryAws();
 * String issuer = aws.givenCluster("spaces-prod");
 * aws.faults().throttleNext("UpdateAssumeRolePolicy", 2);
 * BillingIdentity.irsa(settings).using(aws.backend(), cluster).apply();
 * assertThat(aws.calls().writes()).isEqualTo(4);
 * }</pre>
 */
public final class InMemoryAws implements IamPort, StsPort, EksPort {
  /** The account of {@link #InMemoryAws()}: the one AWS's documentation uses. */
  public static final String DEFAULT_ACCOUNT_ID = "123456789012";
  /** The region of {@link #InMemoryAws()}. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** IAM's default trust policy size quota (L-C07B4B0D), in characters of minified JSON. */
  public static final int DEFAULT_TRUST_POLICY_QUOTA = 2048;
  /** EKS's limit of Pod Identity associations per cluster (not raisable). */
  public static final int MAX_ASSOCIATIONS = 5000;
  /** IAM's default limit of OIDC providers per account. */
  public static final int MAX_OIDC_PROVIDERS = 100;
  /** IAM's default limit of roles per account. */
  public static final int MAX_ROLES = 1000;
  /** IAM's limit of tags per role (and per request). */
  public static final int MAX_TAGS = 50;
  /** IAM's limit of the inline policies of one role together, in characters of minified JSON. */
  public static final int MAX_INLINE_POLICIES_SIZE = 10_240;
  /** The add-on EKS Pod Identity needs on the cluster. */
  public static final String POD_IDENTITY_AGENT = "eks-pod-identity-agent";

  private static final String LIST_ASSOCIATIONS = "ListPodIdentityAssociations";
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]+/");
  private static final Pattern PATH_PREFIX = Pattern.compile("/[\\u0021-\\u007F]*");
  private static final Pattern THUMBPRINT = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final Pattern DESCRIPTION =
      Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
  private static final Pattern POLICY_RESOURCE = Pattern.compile("policy(/[\\u0021-\\u007E]+)?/[\\w+=,.@-]{1,128}");

  private final String accountId;
  private final Partition partition;
  private final String region;
  private final CallLog calls = new CallLog();
  private final InMemoryS3 s3 = new InMemoryS3(this);
  private final InMemorySts sts = new InMemorySts(this);
  private final InMemoryEksAuth eksAuth = new InMemoryEksAuth(this);
  /** The public keys (JWKS documents) of OIDC issuers, by issuer URL: what STS fetches from the issuer. */
  private final Map<String, String> issuerKeys = new HashMap<>();
  /** The sessions STS and EKS Auth issued, by access key id. */
  private final Map<String, FakeSession> sessions = new HashMap<>();
  private final Faults faults = new Faults(AwsErrors.ANSWERS);
  private final Map<String, FakeRole> roles = new TreeMap<>();
  private final Map<String, FakeRole> rolesByArn = new HashMap<>();
  private final Map<String, OidcProviderInfo> providers = new TreeMap<>();
  private final Map<String, FakeCluster> clusters = new TreeMap<>();
  private final Random ids = new Random(7);
  private int trustPolicyQuota = DEFAULT_TRUST_POLICY_QUOTA;
  private int visibilityDelayCalls;
  private Duration visibilityDelayTime = Duration.ZERO;
  private Clock clock = Clock.systemUTC();
  private long callNumber;

  /** A role, with the versions of its trust that IAM has accepted but not yet propagated to STS and EKS. */
  private static final class FakeRole {
    final String name;
    final String path;
    final String arn;
    final Map<String, String> tags = new TreeMap<>();
    final Map<String, String> policies = new TreeMap<>();
    final List<Propagation> propagating = new ArrayList<>();
    String trust;
    String permissionsBoundary;
    String description;
    int maxSessionDuration = RoleInfo.DEFAULT_MAX_SESSION_DURATION;
    /** The trust STS and EKS see; null while the role itself has not reached them. */
    String propagatedTrust;

    FakeRole(String name, String path, String arn) {
      this.name = name;
      this.path = path;
      this.arn = arn;
    }
  }

  /** A trust that STS and EKS see from call number {@code fromCall} and time {@code at} on. */
  private record Propagation(String trust, long fromCall, Instant at) {}

  private static final class FakeCluster {
    final String name;
    final String arn;
    final String issuer;
    final Map<String, AddonInfo> addons = new TreeMap<>();
    final Map<String, StoredAssociation> associations = new LinkedHashMap<>();
    final Map<String, String> idByServiceAccount = new HashMap<>();
    long nextSequence;

    FakeCluster(String name, String arn, String issuer) {
      this.name = name;
      this.arn = arn;
      this.issuer = issuer;
    }
  }

  /** A session STS or EKS Auth issued: whose it is, its token (not its secret: no signature is checked) and expiry. */
  private record FakeSession(String roleName, String sessionToken, Instant expiry, Map<String, String> tags) {}

  /** A role as STS and EKS see it now: its name, ARN and propagated trust. */
  record AssumableRole(String name, String arn, String trust) {}

  /** An association and its place in the cluster's list, which page tokens point at. */
  private record StoredAssociation(long sequence, Association association) {}

  /** Account {@value #DEFAULT_ACCOUNT_ID} in partition {@code aws}, region {@value #DEFAULT_REGION}. */
  public InMemoryAws() {
    this(DEFAULT_ACCOUNT_ID, Partition.AWS, DEFAULT_REGION);
  }

  /**
   * Another account, partition or region: ARNs, issuers and identities follow them (e.g. {@code arn:aws-cn:...} and
   * {@code .amazonaws.com.cn} issuers in {@code cn-north-1}).
   */
  public InMemoryAws(String accountId, Partition partition, String region) {
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.partition = Objects.requireNonNull(partition, "partition");
    this.region = Objects.requireNonNull(region, "region");
  }

  // ---------------------------------------------------------------- configuration

  /** The four ports together, for {@code BillingIdentity...using(aws.backend(), cluster)}. */
  public AwsBackend backend() {
    return new AwsBackend(this, this, this, s3);
  }

  /** S3 of this account: its buckets, to seed and inspect; its calls join {@link #calls()} and its faults. */
  public InMemoryS3 s3() {
    return s3;
  }

  /** The fake account: its id and partition. */
  public AwsAccount account() {
    return AwsAccount.of(accountId, partition);
  }

  /** The region of the fake's EKS clusters. */
  public String region() {
    return region;
  }

  /** The calls made through the ports so far. */
  public CallLog calls() {
    return calls;
  }

  /**
   * The faults to inject into the ports' calls, and the services' rate limits: the services are {@code IAM},
   * {@code STS}, {@code EKS}, {@code EKS Auth} and {@code S3}.
   */
  public Faults faults() {
    return faults;
  }

  /**
   * The calls made so far by AWS service ({@code EKS}, {@code IAM}, ...), each with how many were answered with the
   * service's throttling error: what a rate-limited run achieved, accepted against throttled.
   */
  public Map<String, CallCounts> callsByService() {
    return calls.byGroup(AwsErrors::serviceOf);
  }

  /** Sets the account's trust policy size quota (2,048 by default), as an approved Service Quotas request would. */
  public synchronized InMemoryAws trustPolicyQuota(int quota) {
    if (quota < 1) {
      throw new IllegalArgumentException("a quota is positive, was " + quota);
    }
    this.trustPolicyQuota = quota;
    return this;
  }

  /** The account's trust policy size quota now. */
  public synchronized int trustPolicyQuota() {
    return trustPolicyQuota;
  }

  /**
   * IAM's eventual consistency, counted in calls: a role created, or a trust policy replaced, from now on reaches EKS
   * and STS only once {@code calls} more calls have been made to this fake. Until then EKS refuses associations to
   * a new role ({@code InvalidParameterException}) and judges a changed role by its previous trust.
   */
  public synchronized InMemoryAws visibilityDelay(int calls) {
    this.visibilityDelayCalls = calls;
    return this;
  }

  /**
   * IAM's eventual consistency, in time (on this fake's {@link #clock(Clock)}): a role created, or a trust policy
   * replaced, from now on reaches EKS and STS only {@code delay} later. Combined with {@link #visibilityDelay(int)},
   * both must have passed.
   */
  public synchronized InMemoryAws visibilityDelay(Duration delay) {
    this.visibilityDelayTime = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /**
   * The clock of time-based propagation, session expiry and the rate limits set from now on (the system's by default;
   * a {@code ManualClock} in tests).
   */
  public synchronized InMemoryAws clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    faults.clock(clock);
    return this;
  }

  // ---------------------------------------------------------------- seeding (no call is logged)

  /**
   * Creates (or replaces with a new, empty one) an EKS cluster with an OIDC issuer
   * ({@code https://oidc.eks.<region>.amazonaws.com/id/<32 hex digits>}); returns the issuer URL.
   */
  public synchronized String givenCluster(String name) {
    String arn = "arn:" + partition.id() + ":eks:" + region + ":" + accountId + ":cluster/" + name;
    String issuer = "https://oidc.eks." + region + ".amazonaws.com" + (partition == Partition.AWS_CN ? ".cn" : "")
        + "/id/" + hex(32);
    clusters.put(name, new FakeCluster(name, arn, issuer));
    return issuer;
  }

  /** Installs an add-on on a cluster, e.g. {@link #POD_IDENTITY_AGENT}. */
  public synchronized InMemoryAws givenAddon(String cluster, String addon) {
    cluster(cluster, "CreateAddon").addons.put(addon, new AddonInfo(addon, "v1.3.4-eksbuild.1", "ACTIVE"));
    return this;
  }

  /**
   * Seeds a role at path {@code /} (someone else's, or one with foreign statements), already visible to EKS and STS.
   * Its trust is stored as given and not checked: it stands for what IAM accepted long ago.
   */
  public synchronized void givenRole(String name, String trustPolicyJson, Map<String, String> tags) {
    FakeRole r = new FakeRole(name, "/", roleArn("/", name));
    r.trust = trustPolicyJson;
    r.propagatedTrust = trustPolicyJson;
    r.tags.putAll(tags);
    putRole(r);
  }

  /** Seeds an inline policy of a role, as stored, without checks. */
  public synchronized void givenRolePolicy(String roleName, String policyName, String policyJson) {
    seededRole(roleName).policies.put(policyName, policyJson);
  }

  /** Replaces a role's trust directly, as another writer would, visible to EKS and STS at once. */
  public synchronized void setTrustPolicy(String roleName, String trustPolicyJson) {
    FakeRole r = seededRole(roleName);
    r.trust = trustPolicyJson;
    r.propagatedTrust = trustPolicyJson;
    r.propagating.clear();
  }

  /** Seeds an OIDC provider for {@code issuerUrl} (with {@code https://}) accepting {@code sts.amazonaws.com}. */
  public synchronized String givenOidcProvider(String issuerUrl) {
    String url = issuerUrl.replaceFirst("^https://", "");
    String arn = providerArn(url);
    providers.put(arn, new OidcProviderInfo(arn, url, List.of("sts.amazonaws.com"), List.of(), Map.of()));
    return arn;
  }

  /** Seeds an OIDC provider for {@code issuerUrl} (with {@code https://}) accepting the given client ids (audiences). */
  public synchronized String givenOidcProvider(String issuerUrl, List<String> clientIds) {
    String url = issuerUrl.replaceFirst("^https://", "");
    String arn = providerArn(url);
    providers.put(arn, new OidcProviderInfo(arn, url, List.copyOf(clientIds), List.of(), Map.of()));
    return arn;
  }

  /**
   * Makes the public keys of an OIDC issuer known, as STS fetches them from the issuer's
   * {@code /.well-known/openid-configuration}: STS {@code AssumeRoleWithWebIdentity} and EKS Auth then accept tokens
   * signed by these keys for {@code issuerUrl} (e.g. a cluster's {@link #givenCluster(String) issuer}), and refuse
   * every other signature. An issuer whose keys are not known cannot be verified ({@code InvalidIdentityToken}).
   *
   * @param jwksJson a JWKS document ({@code {"keys":[...]}}) of public keys
   */
  public synchronized InMemoryAws trustIssuerKeys(String issuerUrl, String jwksJson) {
    Objects.requireNonNull(issuerUrl, "issuerUrl");
    try {
      com.nimbusds.jose.jwk.JWKSet.parse(Objects.requireNonNull(jwksJson, "jwksJson"));
    } catch (java.text.ParseException e) {
      throw new IllegalArgumentException("the keys of issuer " + issuerUrl + " are not a JWKS document: "
          + e.getMessage(), e);
    }
    issuerKeys.put(issuerUrl, jwksJson);
    return this;
  }

  /**
   * A session of a role of this account, as STS would issue one (no call is logged, no trust is evaluated): S3 judges
   * what it may do by the role's inline policies. For tests of code that is handed credentials.
   */
  public synchronized SessionCredentials givenSession(String roleName) {
    FakeRole r = seededRole(roleName);
    return issueSession(new AssumableRole(r.name, r.arn, r.trust), "given-session",
        clock.instant().plus(Duration.ofHours(1)), Map.of()).credentials();
  }

  /** Seeds an association (e.g. one the library did not create), without checking the role or the limits. */
  public synchronized Association givenAssociation(String cluster, String namespace, String serviceAccount,
      String roleArn, Map<String, String> tags) {
    return putAssociation(cluster(cluster, "CreatePodIdentityAssociation"), namespace, serviceAccount, roleArn, tags);
  }

  // ---------------------------------------------------------------- inspection (no call is logged)

  /** The ARN of a cluster. */
  public synchronized String clusterArn(String cluster) {
    return cluster(cluster, "DescribeCluster").arn;
  }

  /** A role as stored (its trust exactly as last written), or empty. */
  public synchronized Optional<RoleInfo> role(String name) {
    FakeRole r = roles.get(name);
    return r == null ? Optional.empty() : Optional.of(info(r));
  }

  /** A role's inline policies as stored, by name. */
  public synchronized Map<String, String> rolePolicies(String name) {
    FakeRole r = roles.get(name);
    return r == null ? Map.of() : Map.copyOf(r.policies);
  }

  /**
   * The trust policy STS and EKS judge the role by now: the last one that has propagated, which lags behind
   * {@link #role(String)} while a {@linkplain #visibilityDelay(int) visibility delay} runs. Empty when the role does
   * not exist or has not reached them yet: a pod assuming it now would be refused.
   */
  public synchronized Optional<String> propagatedTrustPolicy(String roleName) {
    FakeRole r = roles.get(roleName);
    return r == null ? Optional.empty() : Optional.ofNullable(propagated(r));
  }

  /** Every association of a cluster, as stored, in creation order. */
  public synchronized List<Association> associations(String cluster) {
    return cluster(cluster, LIST_ASSOCIATIONS).associations.values().stream()
        .map(StoredAssociation::association).toList();
  }

  /** The OIDC providers, as stored. */
  public synchronized List<OidcProviderInfo> oidcProviders() {
    return List.copyOf(providers.values());
  }

  /**
   * The association of {@code namespace}/{@code serviceAccount} on a cluster, if any: what the EKS Pod Identity
   * webhook looks up when a pod is created.
   */
  public synchronized Optional<Association> associationFor(String cluster, String namespace, String serviceAccount) {
    FakeCluster c = clusters.get(cluster);
    if (c == null) {
      return Optional.empty();
    }
    String id = c.idByServiceAccount.get(namespace + "/" + serviceAccount);
    return id == null ? Optional.empty() : Optional.of(c.associations.get(id).association());
  }

  /** AWS's HTTP 500 for {@code service}'s {@code operation}, e.g. for {@code faults().failCall(op, k, failure)}. */
  public static AwsServiceException internalFailure(String service, String operation) {
    return AwsErrors.internal(service, operation);
  }

  // ---------------------------------------------------------------- IAM

  @Override
  public Optional<RoleInfo> findRole(String roleName) {
    String op = "GetRole";
    enter(op, false);
    synchronized (this) {
      requireName(op, "roleName", roleName, 64);
      FakeRole r = roles.get(roleName);
      return r == null ? Optional.empty() : Optional.of(info(r));
    }
  }

  @Override
  public RoleInfo createRole(NewRole role) {
    String op = "CreateRole";
    enter(op, true);
    synchronized (this) {
      requireName(op, "roleName", role.name(), 64);
      if (role.path() == null || role.path().length() > 512 || !PATH.matcher(role.path()).matches()) {
        throw AwsErrors.validation(op, String.valueOf(role.path()), "path",
            "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
      }
      requireTags(op, role.tags());
      requireDescription(op, role.description());
      if (role.maxSessionDurationSeconds().isPresent()) {
        requireMaxSessionDuration(op, role.maxSessionDurationSeconds().getAsInt());
      }
      role.permissionsBoundary().ifPresent(b -> requireManagedPolicyArn(op, b));
      if (roles.containsKey(role.name())) {
        throw AwsErrors.alreadyExists(op, "Role with name " + role.name() + " already exists.");
      }
      checkTrust(op, "assumeRolePolicyDocument", role.trustPolicyJson(), null);
      if (roles.size() >= MAX_ROLES) {
        throw AwsErrors.iamLimit(op, "Cannot exceed quota for RolesPerAccount: " + MAX_ROLES);
      }
      FakeRole r = new FakeRole(role.name(), role.path(), roleArn(role.path(), role.name()));
      r.tags.putAll(role.tags());
      r.permissionsBoundary = role.permissionsBoundary().orElse(null);
      r.description = role.description() == null || role.description().isEmpty() ? null : role.description();
      r.maxSessionDuration = role.maxSessionDurationSeconds().orElse(RoleInfo.DEFAULT_MAX_SESSION_DURATION);
      writeTrust(r, role.trustPolicyJson());
      putRole(r);
      return info(r);
    }
  }

  @Override
  public void updateTrustPolicy(String roleName, String policyJson) {
    String op = "UpdateAssumeRolePolicy";
    enter(op, true);
    synchronized (this) {
      FakeRole r = requireRole(op, roleName);
      checkTrust(op, "policyDocument", policyJson, r.trust);
      writeTrust(r, policyJson);
    }
  }

  @Override
  public void tagRole(String roleName, Map<String, String> tags) {
    String op = "TagRole";
    enter(op, true);
    synchronized (this) {
      requireTags(op, tags);
      FakeRole r = requireRole(op, roleName);
      Map<String, String> merged = new TreeMap<>(r.tags);
      merged.putAll(tags);
      if (merged.size() > MAX_TAGS) {
        throw AwsErrors.iamLimit(op, "Cannot exceed quota for TagsPerRole: " + MAX_TAGS);
      }
      r.tags.putAll(tags);
    }
  }

  @Override
  public void untagRole(String roleName, List<String> tagKeys) {
    String op = "UntagRole";
    enter(op, true);
    synchronized (this) {
      if (tagKeys.size() > MAX_TAGS) {
        throw AwsErrors.validation(op, tagKeys.toString(), "tagKeys",
            "Member must have length less than or equal to " + MAX_TAGS);
      }
      tagKeys.forEach(k -> requireTagKey(op, "tagKeys.member", k));
      FakeRole r = requireRole(op, roleName);
      // IAM's untag is idempotent: a key the role does not carry is no error.
      tagKeys.forEach(r.tags::remove);
    }
  }

  /**
   * {@inheritDoc} A call without a description leaves the role with none (as moto does; the library always sends the
   * description a role should keep, so it depends on neither reading), and the session duration is the one sent.
   */
  @Override
  public void updateRole(String roleName, String description, int maxSessionDurationSeconds) {
    String op = "UpdateRole";
    enter(op, true);
    synchronized (this) {
      requireDescription(op, description);
      requireMaxSessionDuration(op, maxSessionDurationSeconds);
      FakeRole r = requireRole(op, roleName);
      r.description = description == null || description.isEmpty() ? null : description;
      r.maxSessionDuration = maxSessionDurationSeconds;
    }
  }

  @Override
  public void putRolePermissionsBoundary(String roleName, String policyArn) {
    String op = "PutRolePermissionsBoundary";
    enter(op, true);
    synchronized (this) {
      FakeRole r = requireRole(op, roleName);
      requireManagedPolicyArn(op, policyArn);
      r.permissionsBoundary = policyArn;
    }
  }

  @Override
  public void deleteRolePermissionsBoundary(String roleName) {
    String op = "DeleteRolePermissionsBoundary";
    enter(op, true);
    synchronized (this) {
      requireRole(op, roleName).permissionsBoundary = null;
    }
  }

  @Override
  public void deleteRole(String roleName) {
    String op = "DeleteRole";
    enter(op, true);
    synchronized (this) {
      FakeRole r = requireRole(op, roleName);
      if (!r.policies.isEmpty()) {
        throw AwsErrors.deleteConflict(op);
      }
      roles.remove(roleName);
      rolesByArn.remove(r.arn);
    }
  }

  @Override
  public List<String> listRolePolicyNames(String roleName) {
    String op = "ListRolePolicies";
    enter(op, false);
    synchronized (this) {
      return List.copyOf(requireRole(op, roleName).policies.keySet());
    }
  }

  /**
   * {@inheritDoc} IAM answers {@code NoSuchEntity} alike for a missing role and a missing policy, and the SDK adapter
   * cannot tell them apart: both are empty here too.
   */
  @Override
  public Optional<String> findRolePolicy(String roleName, String policyName) {
    String op = "GetRolePolicy";
    enter(op, false);
    synchronized (this) {
      requireName(op, "roleName", roleName, 64);
      requireName(op, "policyName", policyName, 128);
      FakeRole r = roles.get(roleName);
      return r == null ? Optional.empty() : Optional.ofNullable(r.policies.get(policyName));
    }
  }

  @Override
  public void putRolePolicy(String roleName, String policyName, String policyJson) {
    String op = "PutRolePolicy";
    enter(op, true);
    synchronized (this) {
      requireName(op, "policyName", policyName, 128);
      FakeRole r = requireRole(op, roleName);
      PolicyDocument doc = IamPolicyRules.permissions(op, policyJson);
      int total = doc.size() + r.policies.entrySet().stream().filter(e -> !e.getKey().equals(policyName))
          .mapToInt(e -> sizeOf(e.getValue())).sum();
      if (total > MAX_INLINE_POLICIES_SIZE) {
        throw AwsErrors.iamLimit(op, "Maximum policy size of " + MAX_INLINE_POLICIES_SIZE
            + " bytes exceeded for role " + roleName);
      }
      r.policies.put(policyName, policyJson);
    }
  }

  @Override
  public void deleteRolePolicy(String roleName, String policyName) {
    String op = "DeleteRolePolicy";
    enter(op, true);
    synchronized (this) {
      FakeRole r = requireRole(op, roleName);
      if (r.policies.remove(policyName) == null) {
        throw AwsErrors.noSuchEntity(op, "The role policy with name " + policyName + " cannot be found.");
      }
    }
  }

  @Override
  public List<String> listOidcProviderArns() {
    enter("ListOpenIDConnectProviders", false);
    synchronized (this) {
      return List.copyOf(providers.keySet());
    }
  }

  @Override
  public Optional<OidcProviderInfo> findOidcProvider(String arn) {
    enter("GetOpenIDConnectProvider", false);
    synchronized (this) {
      return Optional.ofNullable(providers.get(arn));
    }
  }

  @Override
  public String createOidcProvider(NewOidcProvider provider) {
    String op = "CreateOpenIDConnectProvider";
    enter(op, true);
    synchronized (this) {
      if (provider.issuerUrl() == null || !provider.issuerUrl().startsWith("https://")) {
        throw AwsErrors.invalidInput(op, "The URL must begin with https://");
      }
      for (String thumbprint : provider.thumbprints()) {
        if (!THUMBPRINT.matcher(thumbprint).matches()) {
          throw AwsErrors.validation(op, thumbprint, "thumbprintList.member",
              "Member must have length greater than or equal to 40 and less than or equal to 40");
        }
      }
      requireTagCount(op, provider.tags());
      String url = provider.issuerUrl().substring("https://".length());
      String arn = providerArn(url);
      if (providers.containsKey(arn)) {
        throw AwsErrors.alreadyExists(op, "Provider with url " + provider.issuerUrl() + " already exists.");
      }
      if (providers.size() >= MAX_OIDC_PROVIDERS) {
        throw AwsErrors.iamLimit(op, "Cannot exceed quota for OpenIdConnectProvidersPerAccount: " + MAX_OIDC_PROVIDERS);
      }
      providers.put(arn, new OidcProviderInfo(arn, url, provider.clientIds(), provider.thumbprints(), provider.tags()));
      return arn;
    }
  }

  @Override
  public void deleteOidcProvider(String arn) {
    String op = "DeleteOpenIDConnectProvider";
    enter(op, true);
    synchronized (this) {
      // IAM's delete is idempotent: a provider that is not there is no error (DeleteOpenIDConnectProvider's reference).
      providers.remove(arn);
    }
  }

  // ---------------------------------------------------------------- STS

  /** An IAM user of the account, {@code arn:<partition>:iam::<account>:user/platform-admin}. */
  @Override
  public CallerIdentity callerIdentity() {
    enter("GetCallerIdentity", false);
    return new CallerIdentity(accountId, "arn:" + partition.id() + ":iam::" + accountId + ":user/platform-admin",
        "AIDAFAKEPLATFORMADMIN");
  }

  /** {@inheritDoc} Decided as STS decides: see {@link InMemorySts}. */
  @Override
  public AssumedRole assumeRoleWithWebIdentity(String roleArn, String sessionName, String webIdentityToken) {
    return sts.assumeRoleWithWebIdentity(roleArn, sessionName, webIdentityToken);
  }

  // ---------------------------------------------------------------- EKS Auth

  /** {@inheritDoc} Decided as EKS Auth decides: see {@link InMemoryEksAuth}. */
  @Override
  public AssumedRole assumeRoleForPodIdentity(String clusterName, String token) {
    return eksAuth.assumeRoleForPodIdentity(clusterName, token);
  }

  // ---------------------------------------------------------------- EKS

  @Override
  public ClusterInfo describeCluster(String clusterName) {
    String op = "DescribeCluster";
    enter(op, false);
    synchronized (this) {
      FakeCluster c = cluster(clusterName, op);
      return new ClusterInfo(c.name, c.arn, Optional.of(c.issuer), "ACTIVE");
    }
  }

  /**
   * {@inheritDoc} EKS answers {@code ResourceNotFoundException} alike for a missing cluster and a missing add-on, and
   * the SDK adapter cannot tell them apart: both are empty here too.
   */
  @Override
  public Optional<AddonInfo> findAddon(String clusterName, String addonName) {
    enter("DescribeAddon", false);
    synchronized (this) {
      FakeCluster c = clusters.get(clusterName);
      return c == null ? Optional.empty() : Optional.ofNullable(c.addons.get(addonName));
    }
  }

  @Override
  public void createAddon(String clusterName, String addonName) {
    String op = "CreateAddon";
    enter(op, true);
    synchronized (this) {
      FakeCluster c = cluster(clusterName, op);
      if (c.addons.containsKey(addonName)) {
        throw AwsErrors.eksInUse(op, "Addon already exists.");
      }
      c.addons.put(addonName, new AddonInfo(addonName, "v1.3.4-eksbuild.1", "ACTIVE"));
    }
  }

  @Override
  public AssociationPage listPodIdentityAssociations(
      String clusterName, String namespace, String nextToken, int maxResults) {
    enter(LIST_ASSOCIATIONS, false);
    synchronized (this) {
      FakeCluster c = cluster(clusterName, LIST_ASSOCIATIONS);
      if (maxResults < 1 || maxResults > 100) {
        throw AwsErrors.eksInvalid(LIST_ASSOCIATIONS, "maxResults must be between 1 and 100");
      }
      long after = nextToken == null ? -1 : AssociationPageToken.decode(nextToken, clusterName, namespace);
      List<StoredAssociation> matching = c.associations.values().stream()
          .filter(s -> s.sequence() > after)
          .filter(s -> namespace == null || s.association().namespace().equals(namespace))
          .limit(maxResults + 1L)
          .toList();
      List<StoredAssociation> page = matching.subList(0, Math.min(maxResults, matching.size()));
      List<AssociationSummary> items = page.stream().map(StoredAssociation::association)
          .map(a -> new AssociationSummary(a.associationId(), a.associationArn(), a.clusterName(), a.namespace(),
              a.serviceAccount()))
          .toList();
      Optional<String> token = matching.size() > maxResults
          ? Optional.of(AssociationPageToken.encode(clusterName, namespace, page.get(page.size() - 1).sequence()))
          : Optional.empty();
      return new AssociationPage(items, token);
    }
  }

  @Override
  public Association describePodIdentityAssociation(String clusterName, String associationId) {
    String op = "DescribePodIdentityAssociation";
    enter(op, false);
    synchronized (this) {
      return association(clusterName, associationId, op);
    }
  }

  @Override
  public Association createPodIdentityAssociation(NewAssociation a) {
    String op = "CreatePodIdentityAssociation";
    enter(op, true);
    synchronized (this) {
      FakeCluster c = cluster(a.clusterName(), op);
      if (a.namespace() == null || a.namespace().isBlank() || a.serviceAccount() == null
          || a.serviceAccount().isBlank()) {
        throw AwsErrors.eksInvalid(op, "namespace and serviceAccount are required");
      }
      requireAssumableByPodIdentity(op, a.roleArn());
      String existing = c.idByServiceAccount.get(a.namespace() + "/" + a.serviceAccount());
      if (existing != null) {
        throw AwsErrors.eksInUse(op, "Association already exists: " + existing);
      }
      if (c.associations.size() >= MAX_ASSOCIATIONS) {
        throw AwsErrors.eksLimit(op, "Pod Identity Associations limit of " + MAX_ASSOCIATIONS
            + " per cluster exceeded");
      }
      return putAssociation(c, a.namespace(), a.serviceAccount(), a.roleArn(), a.tags());
    }
  }

  @Override
  public Association updatePodIdentityAssociation(String clusterName, String associationId, String roleArn) {
    String op = "UpdatePodIdentityAssociation";
    enter(op, true);
    synchronized (this) {
      Association old = association(clusterName, associationId, op);
      requireAssumableByPodIdentity(op, roleArn);
      Association updated = new Association(old.associationId(), old.associationArn(), old.clusterName(),
          old.namespace(), old.serviceAccount(), roleArn, old.tags());
      FakeCluster c = clusters.get(clusterName);
      c.associations.computeIfPresent(associationId, (k, s) -> new StoredAssociation(s.sequence(), updated));
      return updated;
    }
  }

  @Override
  public void deletePodIdentityAssociation(String clusterName, String associationId) {
    String op = "DeletePodIdentityAssociation";
    enter(op, true);
    synchronized (this) {
      Association a = association(clusterName, associationId, op);
      FakeCluster c = clusters.get(clusterName);
      c.associations.remove(associationId);
      c.idByServiceAccount.remove(a.namespace() + "/" + a.serviceAccount());
    }
  }

  // ---------------------------------------------------------------- reads people make (the aws CLI on the fake server)

  /**
   * IAM {@code ListRoles}: the roles whose path starts with {@code pathPrefix} ({@code /}: all), by name. The library
   * never lists roles; the fake server answers it so that a person can look at the account with the aws CLI.
   */
  public List<RoleInfo> listRoles(String pathPrefix) {
    String op = "ListRoles";
    enter(op, false);
    synchronized (this) {
      String prefix = pathPrefix == null ? "/" : pathPrefix;
      if (prefix.isEmpty() || prefix.length() > 512 || !PATH_PREFIX.matcher(prefix).matches()) {
        throw AwsErrors.validation(op, prefix, "pathPrefix",
            "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
      }
      return roles.values().stream().filter(r -> r.path.startsWith(prefix)).map(InMemoryAws::info).toList();
    }
  }

  /** IAM {@code ListRoleTags}: a role's tags by key; {@code NoSuchEntity} for a role that does not exist. */
  public Map<String, String> listRoleTags(String roleName) {
    String op = "ListRoleTags";
    enter(op, false);
    synchronized (this) {
      return Map.copyOf(requireRole(op, roleName).tags);
    }
  }

  /** EKS {@code ListClusters}: the names of the account's clusters in this region, in order. */
  public List<String> listClusters() {
    enter("ListClusters", false);
    synchronized (this) {
      return List.copyOf(clusters.keySet());
    }
  }

  /** EKS {@code ListAddons}: the add-ons of a cluster by name; {@code ResourceNotFoundException} for no cluster. */
  public List<String> listAddons(String clusterName) {
    String op = "ListAddons";
    enter(op, false);
    synchronized (this) {
      return List.copyOf(cluster(clusterName, op).addons.keySet());
    }
  }

  // ---------------------------------------------------------------- the account's state, for its other services

  /** The role of {@code arn} as STS and EKS see it now, or empty when it has not reached them (or does not exist). */
  synchronized Optional<AssumableRole> assumableRole(String arn) {
    FakeRole r = arn == null ? null : rolesByArn.get(arn);
    String trust = r == null ? null : propagated(r);
    return trust == null ? Optional.empty() : Optional.of(new AssumableRole(r.name, r.arn, trust));
  }

  /** The ARN of this account's OIDC provider for an issuer's host and path. */
  String providerArnOf(String hostPath) {
    return providerArn(hostPath);
  }

  synchronized Optional<OidcProviderInfo> oidcProvider(String arn) {
    return Optional.ofNullable(providers.get(arn));
  }

  synchronized Optional<String> issuerKeys(String issuerUrl) {
    return Optional.ofNullable(issuerKeys.get(issuerUrl));
  }

  synchronized Instant now() {
    return clock.instant();
  }

  synchronized Optional<ClusterInfo> clusterInfo(String name) {
    FakeCluster c = clusters.get(name);
    return c == null ? Optional.empty() : Optional.of(new ClusterInfo(c.name, c.arn, Optional.of(c.issuer), "ACTIVE"));
  }

  /** Issues a session of {@code role} until {@code expiry}, which the account's S3 will accept. */
  synchronized AssumedRole issueSession(AssumableRole role, String sessionName, Instant expiry,
      Map<String, String> tags) {
    String accessKeyId = "ASIA" + upperAlnum(16);
    SessionCredentials credentials = new SessionCredentials(accessKeyId, alnum(40), "FwoGZXIvYXdzE" + alnum(120));
    sessions.put(accessKeyId, new FakeSession(role.name(), credentials.sessionToken(), expiry, Map.copyOf(tags)));
    return new AssumedRole("arn:" + partition.id() + ":sts::" + accountId + ":assumed-role/" + role.name() + "/"
        + sessionName, credentials);
  }

  /** The role whose live session these credentials are, or empty (unknown, another token, or expired). */
  synchronized Optional<String> sessionRole(SessionCredentials credentials) {
    FakeSession session = sessions.get(credentials.accessKeyId());
    if (session == null || !session.sessionToken().equals(credentials.sessionToken())
        || !clock.instant().isBefore(session.expiry())) {
      return Optional.empty();
    }
    return Optional.of(session.roleName());
  }

  // ---------------------------------------------------------------- internals

  /**
   * Logs the call and numbers it, then lets the faults and rate limits act (outside the lock, so hooks may call the
   * fake), logging a throttled answer as such. The account's other services ({@link InMemoryS3}) enter through here
   * too.
   */
  void enter(String operation, boolean write) {
    calls.record(operation, write);
    synchronized (this) {
      callNumber++;
    }
    try {
      faults.onCall(operation, write);
    } catch (ThrottlingException e) {
      calls.recordThrottled(operation);
      throw e;
    }
  }

  private void putRole(FakeRole r) {
    FakeRole old = roles.put(r.name, r);
    if (old != null) {
      rolesByArn.remove(old.arn);
    }
    rolesByArn.put(r.arn, r);
  }

  private FakeRole seededRole(String name) {
    FakeRole r = roles.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no role " + name + " to seed: givenRole(...) first");
    }
    return r;
  }

  private FakeRole requireRole(String op, String name) {
    requireName(op, "roleName", name, 64);
    FakeRole r = roles.get(name);
    if (r == null) {
      throw AwsErrors.noSuchRole(op, name);
    }
    return r;
  }

  private static void requireName(String op, String field, String name, int maxLength) {
    if (name == null || name.isEmpty() || name.length() > maxLength) {
      throw AwsErrors.validation(op, String.valueOf(name), field,
          "Member must have length less than or equal to " + maxLength);
    }
    if (!NAME.matcher(name).matches()) {
      throw AwsErrors.validation(op, name, field, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }
  }

  private static void requireTagCount(String op, Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw AwsErrors.validation(op, tags.toString(), "tags",
          "Member must have length less than or equal to " + MAX_TAGS);
    }
  }

  /** IAM's model of a role's tags: at most 50, keys of 1 to 128 and values of 0 to 256 of its tag characters. */
  private static void requireTags(String op, Map<String, String> tags) {
    requireTagCount(op, tags);
    if (tags.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).distinct().count() < tags.size()) {
      throw AwsErrors.invalidInput(op, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    }
    int i = 1;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      requireTagKey(op, "tags." + i + ".member.key", tag.getKey());
      String value = tag.getValue();
      if (value.codePointCount(0, value.length()) > 256) {
        throw AwsErrors.validation(op, value, "tags." + i + ".member.value",
            "Member must have length less than or equal to 256");
      }
      if (!TAG_VALUE.matcher(value).matches()) {
        throw AwsErrors.validation(op, value, "tags." + i + ".member.value",
            "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
      }
      i++;
    }
  }

  private static void requireTagKey(String op, String field, String key) {
    int length = key == null ? 0 : key.codePointCount(0, key.length());
    if (length < 1 || length > 128) {
      throw AwsErrors.validation(op, String.valueOf(key), field,
          "Member must have length less than or equal to 128");
    }
    if (!TAG_KEY.matcher(key).matches()) {
      throw AwsErrors.validation(op, key, field,
          "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    }
  }

  /** IAM's model of a role description: at most 1,000 characters of printable ASCII and Latin-1, tabs and breaks. */
  private static void requireDescription(String op, String description) {
    if (description == null) {
      return;
    }
    if (description.length() > 1000) {
      throw AwsErrors.validation(op, description, "description",
          "Member must have length less than or equal to 1000");
    }
    if (!DESCRIPTION.matcher(description).matches()) {
      throw AwsErrors.validation(op, description, "description",
          "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    }
  }

  private static void requireMaxSessionDuration(String op, int seconds) {
    if (seconds < 3600) {
      throw AwsErrors.validation(op, String.valueOf(seconds), "maxSessionDuration",
          "Member must have value greater than or equal to 3600");
    }
    if (seconds > 43_200) {
      throw AwsErrors.validation(op, String.valueOf(seconds), "maxSessionDuration",
          "Member must have value less than or equal to 43200");
    }
  }

  /**
   * A permissions boundary must be a managed policy of this partition: the account's own or one of AWS's. Anything
   * else is IAM's {@code InvalidInput}. The fake keeps no managed policies, so it does not refuse one that does not
   * exist (IAM answers {@code NoSuchEntity}); neither does moto.
   */
  private void requireManagedPolicyArn(String op, String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    boolean ok = parts.length == 6 && parts[0].equals("arn") && parts[1].equals(partition.id())
        && parts[2].equals("iam") && parts[3].isEmpty() && (parts[4].equals("aws") || parts[4].matches("\\d{12}"))
        && POLICY_RESOURCE.matcher(parts[5]).matches();
    if (!ok) {
      throw AwsErrors.invalidInput(op, "ARN " + arn + " is not valid.");
    }
  }

  /**
   * IAM's checks of a trust policy, then the quota. A federated OIDC provider of this account must exist, unless the
   * role's current trust names it already: seeded roles may trust providers nobody seeded, and a fake that refused to
   * rewrite them would fail tests for a reason that is not theirs. Another account's providers are taken on trust.
   */
  private void checkTrust(String op, String field, String json, String currentTrust) {
    String own = providerArn("");
    PolicyDocument doc = IamPolicyRules.trust(op, field, json, arn -> !arn.startsWith(own)
        || providers.containsKey(arn) || (currentTrust != null && currentTrust.contains(arn)));
    if (doc.size() > trustPolicyQuota) {
      throw AwsErrors.trustQuota(op, trustPolicyQuota);
    }
  }

  /** Stores a new trust: visible to EKS and STS at once, or after the visibility delay. */
  private void writeTrust(FakeRole r, String trust) {
    r.trust = trust;
    if (visibilityDelayCalls <= 0 && visibilityDelayTime.isZero()) {
      r.propagatedTrust = trust;
      r.propagating.clear();
    } else {
      r.propagating.add(new Propagation(trust, callNumber + visibilityDelayCalls,
          clock.instant().plus(visibilityDelayTime)));
    }
  }

  /** The latest trust of the role that has propagated, or null while the role has not reached STS and EKS. */
  private String propagated(FakeRole r) {
    Instant now = clock.instant();
    for (int i = r.propagating.size() - 1; i >= 0; i--) {
      Propagation p = r.propagating.get(i);
      if (callNumber >= p.fromCall() && !now.isBefore(p.at())) {
        r.propagatedTrust = p.trust();
        r.propagating.subList(0, i + 1).clear();
        break;
      }
    }
    return r.propagatedTrust;
  }

  /**
   * EKS checks the role as IAM has propagated it to EKS: it must exist there, and its trust must let the EKS Pod
   * Identity service principal assume it.
   */
  private void requireAssumableByPodIdentity(String op, String roleArn) {
    FakeRole role = roleArn == null ? null : rolesByArn.get(roleArn);
    String trust = role == null ? null : propagated(role);
    if (trust == null) {
      throw AwsErrors.eksInvalid(op, "The role " + roleArn + " does not exist or EKS cannot assume it yet");
    }
    if (!allowsPodIdentity(trust)) {
      throw AwsErrors.eksInvalid(op, "Trust policy of the role provided is invalid. Follow the official "
          + "documentation to resolve the issue.");
    }
  }

  /** Whether a trust policy allows {@code pods.eks.amazonaws.com} to {@code sts:AssumeRole}. */
  private static boolean allowsPodIdentity(String trust) {
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(trust);
    } catch (RuntimeException e) {
      return false;
    }
    for (Statement s : doc.statements()) {
      boolean allow = s.element("Effect").map(JsonNode::asText).orElse("").equals("Allow");
      boolean pods = s.element("Principal").map(p -> contains(p.path("Service"), "pods.eks.amazonaws.com"))
          .orElse(false);
      boolean assume = s.element("Action").map(a -> contains(a, "sts:AssumeRole") || contains(a, "sts:*")
          || contains(a, "*")).orElse(false);
      if (allow && pods && assume) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode node, String value) {
    if (node.isTextual()) {
      return node.textValue().equals(value);
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (n.isTextual() && n.textValue().equals(value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int sizeOf(String policyJson) {
    try {
      return PolicyDocument.parse(policyJson).size();
    } catch (RuntimeException seededAsIs) {
      return policyJson.length();
    }
  }

  private FakeCluster cluster(String name, String op) {
    FakeCluster c = clusters.get(name);
    if (c == null) {
      throw AwsErrors.eksNotFound(op, "No cluster found for name: " + name + ".");
    }
    return c;
  }

  private Association association(String cluster, String id, String op) {
    StoredAssociation s = cluster(cluster, op).associations.get(id);
    if (s == null) {
      throw AwsErrors.eksNotFound(op, "No Pod Identity Association found for the id: " + id);
    }
    return s.association();
  }

  private Association putAssociation(FakeCluster c, String ns, String sa, String roleArn, Map<String, String> tags) {
    String id = "a-" + alnum(17);
    Association a = new Association(id, "arn:" + partition.id() + ":eks:" + region + ":" + accountId
        + ":podidentityassociation/" + c.name + "/" + id, c.name, ns, sa, roleArn, tags);
    c.associations.put(id, new StoredAssociation(c.nextSequence++, a));
    c.idByServiceAccount.put(ns + "/" + sa, id);
    return a;
  }

  private String roleArn(String path, String name) {
    return "arn:" + partition.id() + ":iam::" + accountId + ":role" + path + name;
  }

  private String providerArn(String hostPath) {
    return "arn:" + partition.id() + ":iam::" + accountId + ":oidc-provider/" + hostPath;
  }

  private static RoleInfo info(FakeRole r) {
    return new RoleInfo(r.name, r.path, r.arn, r.trust, r.tags, Optional.ofNullable(r.permissionsBoundary),
        r.maxSessionDuration, Optional.ofNullable(r.description));
  }

  private String hex(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(Integer.toHexString(ids.nextInt(16)).toUpperCase(Locale.ROOT));
    }
    return s.toString();
  }

  private String upperAlnum(int n) {
    return alnum(n).toUpperCase(Locale.ROOT);
  }

  private String alnum(int n) {
    String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(chars.charAt(ids.nextInt(chars.length())));
    }
    return s.toString();
  }

  /** E.g. {@code InMemoryAws[123456789012, 2 roles, 1 clusters]}. */
  @Override
  public synchronized String toString() {
    return "InMemoryAws[" + accountId + ", " + roles.size() + " roles, " + clusters.size() + " clusters]";
  }
}
