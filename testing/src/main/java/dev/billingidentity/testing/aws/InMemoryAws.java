package dev.billingidentity.testing.aws;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.policy.MalformedPolicyException;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.spi.aws.AddonInfo;
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
import dev.billingidentity.spi.aws.StsPort;
import dev.billingidentity.testing.fault.CallLog;
import dev.billingidentity.testing.fault.Faults;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * IAM, STS and EKS in memory, behaving like AWS where it matters to the library: the same typed errors with AWS's
 * codes and messages (no such entity, already exists, the trust policy quota, malformed policies, duplicate
 * associations, roles EKS does not see yet), the quotas (trust policy size, 100 OIDC providers, 5,000 associations
 * per cluster), paged lists, eventual consistency on request, fault injection ({@link #faults()}) and a call log
 * ({@link #calls()}). Thread-safe.
 *
 * <pre>{@code
 * InMemoryAws aws = new InMemoryAws();
 * String issuer = aws.givenCluster("spaces-prod");
 * BillingIdentity.irsa(settings).using(aws.backend(), cluster).apply();
 * assertThat(aws.calls().writes()).isZero();
 * }</pre>
 */
public final class InMemoryAws implements IamPort, StsPort, EksPort {
  /** EKS's limit of associations per cluster. */
  public static final int MAX_ASSOCIATIONS = 5000;
  /** IAM's default limit of OIDC providers per account. */
  public static final int MAX_OIDC_PROVIDERS = 100;

  private final String accountId;
  private final Partition partition;
  private final String region;
  private final CallLog calls = new CallLog();
  private final Faults faults = new Faults();
  private final Map<String, FakeRole> roles = new TreeMap<>();
  private final Map<String, OidcProviderInfo> providers = new TreeMap<>();
  private final Map<String, FakeCluster> clusters = new TreeMap<>();
  private final Random ids = new Random(7);
  private int trustPolicyQuota = 2048;
  private int visibilityDelayCalls;
  private long callNumber;

  private static final class FakeRole {
    String name;
    String path;
    String arn;
    String trust;
    Map<String, String> tags = new TreeMap<>();
    Map<String, String> policies = new TreeMap<>();
    /** EKS and STS see this role only from this call number on (IAM's eventual consistency). */
    long visibleFromCall;
  }

  private static final class FakeCluster {
    String name;
    String arn;
    String issuer;
    Map<String, AddonInfo> addons = new TreeMap<>();
    Map<String, Association> associations = new LinkedHashMap<>();
  }

  /** Account {@code 123456789012} in partition {@code aws}, region {@code us-east-1}. */
  public InMemoryAws() {
    this("123456789012", Partition.AWS, "us-east-1");
  }

  public InMemoryAws(String accountId, Partition partition, String region) {
    this.accountId = accountId;
    this.partition = partition;
    this.region = region;
  }

  // ---------------------------------------------------------------- set-up and inspection (no call is logged)

  /** The three ports together, for {@code BillingIdentity.using(...)}. */
  public AwsBackend backend() {
    return new AwsBackend(this, this, this);
  }

  /** The fake account. */
  public AwsAccount account() {
    return AwsAccount.of(accountId, partition);
  }

  public String region() {
    return region;
  }

  /** The calls made so far. */
  public CallLog calls() {
    return calls;
  }

  /** The faults to inject. */
  public Faults faults() {
    return faults;
  }

  /** Sets the account's trust policy size quota (2,048 by default), as a Service Quotas increase would. */
  public synchronized InMemoryAws trustPolicyQuota(int quota) {
    this.trustPolicyQuota = quota;
    return this;
  }

  /**
   * IAM's eventual consistency: a role created or changed from now on is seen by EKS (associations) and STS only
   * after {@code calls} more calls to this fake.
   */
  public synchronized InMemoryAws visibilityDelay(int calls) {
    this.visibilityDelayCalls = calls;
    return this;
  }

  /** Creates an EKS cluster with an OIDC issuer; returns the issuer URL. */
  public synchronized String givenCluster(String name) {
    FakeCluster c = new FakeCluster();
    c.name = name;
    c.arn = "arn:" + partition.id() + ":eks:" + region + ":" + accountId + ":cluster/" + name;
    c.issuer = "https://oidc.eks." + region + ".amazonaws.com" + (partition == Partition.AWS_CN ? ".cn" : "")
        + "/id/" + hex(32);
    clusters.put(name, c);
    return c.issuer;
  }

  /** Installs an add-on, e.g. {@code eks-pod-identity-agent}. */
  public synchronized InMemoryAws givenAddon(String cluster, String addon) {
    cluster(cluster, "CreateAddon").addons.put(addon, new AddonInfo(addon, "v1.3.4-eksbuild.1", "ACTIVE"));
    return this;
  }

  /** The ARN of a cluster. */
  public synchronized String clusterArn(String cluster) {
    return cluster(cluster, "DescribeCluster").arn;
  }

  /** A role as stored, or empty. */
  public synchronized Optional<RoleInfo> role(String name) {
    FakeRole r = roles.get(name);
    return r == null ? Optional.empty() : Optional.of(info(r));
  }

  /** A role's inline policies as stored. */
  public synchronized Map<String, String> rolePolicies(String name) {
    FakeRole r = roles.get(name);
    return r == null ? Map.of() : Map.copyOf(r.policies);
  }

  /** Seeds a role directly (e.g. someone else's, or with foreign statements), without logging a call. */
  public synchronized void givenRole(String name, String trustPolicyJson, Map<String, String> tags) {
    FakeRole r = new FakeRole();
    r.name = name;
    r.path = "/";
    r.arn = "arn:" + partition.id() + ":iam::" + accountId + ":role/" + name;
    r.trust = trustPolicyJson;
    r.tags.putAll(tags);
    roles.put(name, r);
  }

  /** Replaces a role's trust directly, as another writer would, without logging a call. */
  public synchronized void setTrustPolicy(String name, String trustPolicyJson) {
    roles.get(name).trust = trustPolicyJson;
  }

  /** Seeds an association directly (e.g. one the library did not create), without logging a call. */
  public synchronized Association givenAssociation(String cluster, String namespace, String serviceAccount,
      String roleArn, Map<String, String> tags) {
    return putAssociation(cluster(cluster, "CreatePodIdentityAssociation"), namespace, serviceAccount, roleArn, tags);
  }

  /** Every association of a cluster, as stored. */
  public synchronized List<Association> associations(String cluster) {
    return List.copyOf(cluster(cluster, "ListPodIdentityAssociations").associations.values());
  }

  /** The OIDC providers, as stored. */
  public synchronized List<OidcProviderInfo> oidcProviders() {
    return List.copyOf(providers.values());
  }

  /** Whether EKS would find {@code namespace}/{@code serviceAccount} an association now (the webhook's view). */
  public synchronized Optional<Association> associationFor(String cluster, String namespace, String serviceAccount) {
    FakeCluster c = clusters.get(cluster);
    if (c == null) {
      return Optional.empty();
    }
    return c.associations.values().stream()
        .filter(a -> a.namespace().equals(namespace) && a.serviceAccount().equals(serviceAccount))
        .findFirst();
  }

  // ---------------------------------------------------------------- IAM

  @Override
  public Optional<RoleInfo> findRole(String roleName) {
    enter("IAM", "GetRole", false);
    synchronized (this) {
      FakeRole r = roles.get(roleName);
      return r == null ? Optional.empty() : Optional.of(info(r));
    }
  }

  @Override
  public RoleInfo createRole(NewRole role) {
    enter("IAM", "CreateRole", true);
    synchronized (this) {
      if (roles.containsKey(role.name())) {
        throw AwsErrors.alreadyExists("CreateRole", "Role with name " + role.name() + " already exists.");
      }
      checkTrust("CreateRole", role.trustPolicyJson());
      FakeRole r = new FakeRole();
      r.name = role.name();
      r.path = role.path();
      r.arn = "arn:" + partition.id() + ":iam::" + accountId + ":role" + role.path() + role.name();
      r.trust = role.trustPolicyJson();
      r.tags.putAll(role.tags());
      r.visibleFromCall = callNumber + visibilityDelayCalls;
      roles.put(r.name, r);
      return info(r);
    }
  }

  @Override
  public void updateTrustPolicy(String roleName, String policyJson) {
    enter("IAM", "UpdateAssumeRolePolicy", true);
    synchronized (this) {
      FakeRole r = requireRole("UpdateAssumeRolePolicy", roleName);
      checkTrust("UpdateAssumeRolePolicy", policyJson);
      r.trust = policyJson;
      r.visibleFromCall = callNumber + visibilityDelayCalls;
    }
  }

  @Override
  public void tagRole(String roleName, Map<String, String> tags) {
    enter("IAM", "TagRole", true);
    synchronized (this) {
      requireRole("TagRole", roleName).tags.putAll(tags);
    }
  }

  @Override
  public void deleteRole(String roleName) {
    enter("IAM", "DeleteRole", true);
    synchronized (this) {
      FakeRole r = requireRole("DeleteRole", roleName);
      if (!r.policies.isEmpty()) {
        throw AwsErrors.deleteConflict("DeleteRole");
      }
      roles.remove(roleName);
    }
  }

  @Override
  public List<String> listRolePolicyNames(String roleName) {
    enter("IAM", "ListRolePolicies", false);
    synchronized (this) {
      return List.copyOf(requireRole("ListRolePolicies", roleName).policies.keySet());
    }
  }

  @Override
  public Optional<String> findRolePolicy(String roleName, String policyName) {
    enter("IAM", "GetRolePolicy", false);
    synchronized (this) {
      return Optional.ofNullable(requireRole("GetRolePolicy", roleName).policies.get(policyName));
    }
  }

  @Override
  public void putRolePolicy(String roleName, String policyName, String policyJson) {
    enter("IAM", "PutRolePolicy", true);
    synchronized (this) {
      FakeRole r = requireRole("PutRolePolicy", roleName);
      PolicyDocument doc = parse("PutRolePolicy", policyJson);
      int total = doc.size() + r.policies.entrySet().stream().filter(e -> !e.getKey().equals(policyName))
          .mapToInt(e -> PolicyDocument.parse(e.getValue()).size()).sum();
      if (total > 10240) {
        throw AwsErrors.iamLimit("PutRolePolicy", "Maximum policy size of 10240 bytes exceeded for role " + roleName);
      }
      r.policies.put(policyName, policyJson);
    }
  }

  @Override
  public void deleteRolePolicy(String roleName, String policyName) {
    enter("IAM", "DeleteRolePolicy", true);
    synchronized (this) {
      FakeRole r = requireRole("DeleteRolePolicy", roleName);
      if (r.policies.remove(policyName) == null) {
        throw AwsErrors.noSuchEntity("DeleteRolePolicy",
            "The role policy with name " + policyName + " cannot be found.");
      }
    }
  }

  @Override
  public List<String> listOidcProviderArns() {
    enter("IAM", "ListOpenIDConnectProviders", false);
    synchronized (this) {
      return List.copyOf(providers.keySet());
    }
  }

  @Override
  public Optional<OidcProviderInfo> findOidcProvider(String arn) {
    enter("IAM", "GetOpenIDConnectProvider", false);
    synchronized (this) {
      return Optional.ofNullable(providers.get(arn));
    }
  }

  @Override
  public String createOidcProvider(NewOidcProvider provider) {
    enter("IAM", "CreateOpenIDConnectProvider", true);
    synchronized (this) {
      if (!provider.issuerUrl().startsWith("https://")) {
        throw new dev.billingidentity.spi.aws.InvalidParameterException("IAM", "CreateOpenIDConnectProvider",
            "InvalidInput", 400, "The URL must begin with https://");
      }
      String url = provider.issuerUrl().substring("https://".length());
      String arn = "arn:" + partition.id() + ":iam::" + accountId + ":oidc-provider/" + url;
      if (providers.containsKey(arn)) {
        throw AwsErrors.alreadyExists("CreateOpenIDConnectProvider", "Provider with url " + provider.issuerUrl()
            + " already exists.");
      }
      if (providers.size() >= MAX_OIDC_PROVIDERS) {
        throw AwsErrors.iamLimit("CreateOpenIDConnectProvider",
            "Cannot exceed quota for OpenIdConnectProvidersPerAccount: " + MAX_OIDC_PROVIDERS);
      }
      providers.put(arn, new OidcProviderInfo(arn, url, provider.clientIds(), provider.thumbprints(), provider.tags()));
      return arn;
    }
  }

  @Override
  public void deleteOidcProvider(String arn) {
    enter("IAM", "DeleteOpenIDConnectProvider", true);
    synchronized (this) {
      if (providers.remove(arn) == null) {
        throw AwsErrors.noSuchEntity("DeleteOpenIDConnectProvider", "OpenIDConnect provider " + arn + " not found");
      }
    }
  }

  // ---------------------------------------------------------------- STS

  @Override
  public CallerIdentity callerIdentity() {
    enter("STS", "GetCallerIdentity", false);
    return new CallerIdentity(accountId, "arn:" + partition.id() + ":iam::" + accountId + ":user/platform-admin",
        "AIDAFAKEPLATFORMADMIN");
  }

  // ---------------------------------------------------------------- EKS

  @Override
  public ClusterInfo describeCluster(String clusterName) {
    enter("EKS", "DescribeCluster", false);
    synchronized (this) {
      FakeCluster c = cluster(clusterName, "DescribeCluster");
      return new ClusterInfo(c.name, c.arn, Optional.ofNullable(c.issuer), "ACTIVE");
    }
  }

  @Override
  public Optional<AddonInfo> findAddon(String clusterName, String addonName) {
    enter("EKS", "DescribeAddon", false);
    synchronized (this) {
      return Optional.ofNullable(cluster(clusterName, "DescribeAddon").addons.get(addonName));
    }
  }

  @Override
  public void createAddon(String clusterName, String addonName) {
    enter("EKS", "CreateAddon", true);
    synchronized (this) {
      FakeCluster c = cluster(clusterName, "CreateAddon");
      if (c.addons.containsKey(addonName)) {
        throw AwsErrors.eksInUse("CreateAddon", "Addon already exists.");
      }
      c.addons.put(addonName, new AddonInfo(addonName, "v1.3.4-eksbuild.1", "ACTIVE"));
    }
  }

  @Override
  public AssociationPage listPodIdentityAssociations(
      String clusterName, String namespace, String nextToken, int maxResults) {
    enter("EKS", "ListPodIdentityAssociations", false);
    synchronized (this) {
      FakeCluster c = cluster(clusterName, "ListPodIdentityAssociations");
      if (maxResults < 1 || maxResults > 100) {
        throw AwsErrors.eksInvalid("ListPodIdentityAssociations", "maxResults must be between 1 and 100");
      }
      List<Association> matching = c.associations.values().stream()
          .filter(a -> namespace == null || a.namespace().equals(namespace)).toList();
      int from = nextToken == null ? 0 : decodeToken(nextToken, clusterName);
      int to = Math.min(matching.size(), from + maxResults);
      List<AssociationSummary> items = matching.subList(Math.min(from, to), to).stream()
          .map(a -> new AssociationSummary(a.associationId(), a.associationArn(), a.clusterName(), a.namespace(),
              a.serviceAccount()))
          .toList();
      return new AssociationPage(items, to < matching.size() ? Optional.of(encodeToken(to, clusterName))
          : Optional.empty());
    }
  }

  @Override
  public Association describePodIdentityAssociation(String clusterName, String associationId) {
    enter("EKS", "DescribePodIdentityAssociation", false);
    synchronized (this) {
      return association(clusterName, associationId, "DescribePodIdentityAssociation");
    }
  }

  @Override
  public Association createPodIdentityAssociation(NewAssociation a) {
    enter("EKS", "CreatePodIdentityAssociation", true);
    synchronized (this) {
      FakeCluster c = cluster(a.clusterName(), "CreatePodIdentityAssociation");
      requireVisibleRole("CreatePodIdentityAssociation", a.roleArn());
      Optional<Association> existing = associationFor(a.clusterName(), a.namespace(), a.serviceAccount());
      if (existing.isPresent()) {
        throw AwsErrors.eksInUse("CreatePodIdentityAssociation",
            "Association already exists: " + existing.get().associationId());
      }
      if (c.associations.size() >= MAX_ASSOCIATIONS) {
        throw AwsErrors.eksLimit("CreatePodIdentityAssociation",
            "Pod Identity Associations limit of " + MAX_ASSOCIATIONS + " per cluster exceeded");
      }
      return putAssociation(c, a.namespace(), a.serviceAccount(), a.roleArn(), a.tags());
    }
  }

  @Override
  public Association updatePodIdentityAssociation(String clusterName, String associationId, String roleArn) {
    enter("EKS", "UpdatePodIdentityAssociation", true);
    synchronized (this) {
      Association old = association(clusterName, associationId, "UpdatePodIdentityAssociation");
      requireVisibleRole("UpdatePodIdentityAssociation", roleArn);
      Association updated = new Association(old.associationId(), old.associationArn(), old.clusterName(),
          old.namespace(), old.serviceAccount(), roleArn, old.tags());
      clusters.get(clusterName).associations.put(associationId, updated);
      return updated;
    }
  }

  @Override
  public void deletePodIdentityAssociation(String clusterName, String associationId) {
    enter("EKS", "DeletePodIdentityAssociation", true);
    synchronized (this) {
      association(clusterName, associationId, "DeletePodIdentityAssociation");
      clusters.get(clusterName).associations.remove(associationId);
    }
  }

  // ---------------------------------------------------------------- internals

  /** Logs the call, then applies the faults: latency, triggers, throttling. */
  private void enter(String service, String operation, boolean write) {
    calls.record(operation, write);
    synchronized (this) {
      callNumber++;
    }
    if (faults.onCall(operation, write)) {
      throw AwsErrors.throttling(service, operation);
    }
  }

  private FakeRole requireRole(String op, String name) {
    FakeRole r = roles.get(name);
    if (r == null) {
      throw AwsErrors.noSuchRole(op, name);
    }
    return r;
  }

  private void requireVisibleRole(String op, String roleArn) {
    FakeRole role = roles.values().stream().filter(r -> r.arn.equals(roleArn)).findFirst().orElse(null);
    if (role == null || callNumber < role.visibleFromCall) {
      throw AwsErrors.eksInvalid(op, "The role " + roleArn + " does not exist or EKS cannot assume it yet");
    }
  }

  private void checkTrust(String op, String json) {
    PolicyDocument doc = parse(op, json);
    if (doc.size() > trustPolicyQuota) {
      throw AwsErrors.trustQuota(op, trustPolicyQuota);
    }
  }

  private static PolicyDocument parse(String op, String json) {
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(json);
    } catch (MalformedPolicyException e) {
      throw AwsErrors.malformed(op, "Syntax errors in policy.");
    }
    if (!doc.grammarProblems().isEmpty() || doc.statements().isEmpty()) {
      throw AwsErrors.malformed(op, doc.statements().isEmpty() ? "Statement list cannot be empty."
          : "Syntax errors in policy.");
    }
    return doc;
  }

  private FakeCluster cluster(String name, String op) {
    FakeCluster c = clusters.get(name);
    if (c == null) {
      throw AwsErrors.eksNotFound(op, "No cluster found for name: " + name + ".");
    }
    return c;
  }

  private Association association(String cluster, String id, String op) {
    Association a = cluster(cluster, op).associations.get(id);
    if (a == null) {
      throw AwsErrors.eksNotFound(op, "No Pod Identity Association found for the id: " + id);
    }
    return a;
  }

  private Association putAssociation(FakeCluster c, String ns, String sa, String roleArn, Map<String, String> tags) {
    String id = "a-" + alnum(17);
    Association a = new Association(id, "arn:" + partition.id() + ":eks:" + region + ":" + accountId
        + ":podidentityassociation/" + c.name + "/" + id, c.name, ns, sa, roleArn, tags);
    c.associations.put(id, a);
    return a;
  }

  private static RoleInfo info(FakeRole r) {
    return new RoleInfo(r.name, r.path, r.arn, r.trust, new HashMap<>(r.tags));
  }

  private static String encodeToken(int offset, String cluster) {
    return Base64.getUrlEncoder().encodeToString((cluster + ":" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeToken(String token, String cluster) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      if (parts.length == 2 && parts[0].equals(cluster)) {
        return Integer.parseInt(parts[1]);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw AwsErrors.eksInvalid("ListPodIdentityAssociations", "The nextToken is invalid.");
  }

  private String hex(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(Integer.toHexString(ids.nextInt(16)).toUpperCase(Locale.ROOT));
    }
    return s.toString();
  }

  private String alnum(int n) {
    String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(chars.charAt(ids.nextInt(chars.length())));
    }
    return s.toString();
  }

  /** Makes a failure an operation would answer with, for {@link Faults#failCall}: AWS's 500. */
  public static AwsServiceException internalFailure(String service, String operation) {
    return AwsErrors.internal(service, operation);
  }

  @Override
  public String toString() {
    return "InMemoryAws[" + accountId + ", " + roles.size() + " roles, " + clusters.size() + " clusters]";
  }
}
