package dev.billingidentity;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.InvalidInputException;
import dev.billingidentity.validation.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * What the builders of both modes' settings share ({@link IrsaSettings.Builder}, {@link PodIdentitySettings.Builder}).
 *
 * <p>Each value may be given as the library's value type, or as the raw strings it is made of, as a configuration
 * file, an environment or a command line holds them:
 *
 * <table>
 *   <caption>the two ways to give each value</caption>
 *   <tr><th>value type</th><th>raw values</th></tr>
 *   <tr><td>{@link #role(IamRole)}</td><td>{@link #roleName(String)}, {@link #rolePath(String)} (default {@code /})</td></tr>
 *   <tr><td>{@link #storage(BillingStorage)}</td><td>{@link #bucket(String)} and {@link #region(String)}</td></tr>
 *   <tr><td>{@link #account(AwsAccount)}</td><td>{@link #accountId(String)} (its partition is the region's)</td></tr>
 * </table>
 *
 * <p>A value type checks itself when it is made, so building several by hand stops at the first bad one. Raw values
 * are checked only in {@code build()}, together with every other value: one {@link InvalidInputException} then lists
 * every problem of every value (a missing required value and a value given both ways are problems too), so that a
 * user fixes them all in one go:
 *
 * <pre>{@code
 * IrsaSettings.builder()
 *     .cluster(config.cluster())
 *     .roleName(config.roleName())
 *     .bucket(config.bucket()).region(config.region())
 *     .accountId(config.accountId())          // optional: asked of STS when absent (null)
 *     .oidcIssuerUrl(config.oidcIssuer())     // optional: asked of EKS when absent (null)
 *     .build();                               // InvalidInputException listing every problem, or the settings
 * }</pre>
 *
 * <p>A raw setter given {@code null} leaves its value unset. Not thread-safe: use a builder in one thread, once.
 *
 * @param <B> the mode's builder, returned by every setter
 */
public abstract class SettingsBuilder<B extends SettingsBuilder<B>> {
  private String cluster;
  private IamRole role;
  private String roleName;
  private String rolePath;
  private String permissionsBoundary;
  private final Map<String, String> roleTags = new LinkedHashMap<>();
  private Integer maxSessionDurationSeconds;
  private String roleDescription;
  private BillingStorage storage;
  private String bucket;
  private String region;
  private AwsAccount account;
  private String accountId;
  private Integer trustPolicyQuota;
  private String serviceAccount;
  private String permissionPolicyName;
  private Boolean prune;
  private Boolean adoptExistingRole;
  private Boolean trustUnlabelledHostNamespaces;
  private Boolean repairPermissionsBoundary;

  SettingsBuilder() {}

  /** This builder, as its own type. */
  abstract B self();

  /** The EKS cluster hosting the Space (required). */
  public final B cluster(String cluster) {
    this.cluster = cluster;
    return self();
  }

  /** The billing role (required: this, or {@link #roleName(String)}). */
  public final B role(IamRole role) {
    this.role = Objects.requireNonNull(role, "role");
    return self();
  }

  /** The billing role's name, checked in {@code build()} (instead of {@link #role(IamRole)}). */
  public final B roleName(String roleName) {
    this.roleName = roleName;
    return self();
  }

  /** The billing role's path, checked in {@code build()}; {@code /} unless given (with {@link #roleName}). */
  public final B rolePath(String rolePath) {
    this.rolePath = rolePath;
    return self();
  }

  /**
   * The role's permissions boundary, a managed policy ARN, checked in {@code build()} (with {@link #roleName}; see
   * {@link IamRole#permissionsBoundary()}).
   */
  public final B permissionsBoundary(String permissionsBoundary) {
    this.permissionsBoundary = permissionsBoundary;
    return self();
  }

  /** Tags of the role, checked in {@code build()} (with {@link #roleName}; see {@link IamRole#tags()}). */
  public final B roleTags(Map<String, String> tags) {
    this.roleTags.putAll(tags);
    return self();
  }

  /** The role's maximum session duration in seconds, checked in {@code build()} (with {@link #roleName}). */
  public final B maxSessionDurationSeconds(Integer seconds) {
    this.maxSessionDurationSeconds = seconds;
    return self();
  }

  /** The role's description, checked in {@code build()} (with {@link #roleName}; see {@link IamRole#description()}). */
  public final B roleDescription(String description) {
    this.roleDescription = description;
    return self();
  }

  /** The bucket vector writes to (required: this, or {@link #bucket(String)} and {@link #region(String)}). */
  public final B storage(BillingStorage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    return self();
  }

  /** The billing bucket's name, checked in {@code build()} (with {@link #region}, instead of {@link #storage}). */
  public final B bucket(String bucket) {
    this.bucket = bucket;
    return self();
  }

  /** The billing bucket's region, checked in {@code build()} (with {@link #bucket}, instead of {@link #storage}). */
  public final B region(String region) {
    this.region = region;
    return self();
  }

  /** The account; asked of STS when absent. */
  public final B account(AwsAccount account) {
    this.account = Objects.requireNonNull(account, "account");
    return self();
  }

  /** The account, or none (asked of STS). */
  public final B account(Optional<? extends AwsAccount> account) {
    this.account = account.orElse(null);
    return self();
  }

  /**
   * The account's 12-digit id, checked in {@code build()} (instead of {@link #account(AwsAccount)}); its partition is
   * that of the bucket's region. Asked of STS when absent.
   */
  public final B accountId(String accountId) {
    this.accountId = accountId;
    return self();
  }

  /** See {@link IdentitySettings#trustPolicyQuota()}; 2,048 unless given. */
  public final B trustPolicyQuota(int trustPolicyQuota) {
    this.trustPolicyQuota = trustPolicyQuota;
    return self();
  }

  /** The workload's service account; {@code vector} unless given. */
  public final B serviceAccount(String serviceAccount) {
    this.serviceAccount = Objects.requireNonNull(serviceAccount, "serviceAccount");
    return self();
  }

  /** The name of the library's inline S3 policy on the role; {@code billing-identity-s3} unless given. */
  public final B permissionPolicyName(String permissionPolicyName) {
    this.permissionPolicyName = Objects.requireNonNull(permissionPolicyName, "permissionPolicyName");
    return self();
  }

  /** Whether to remove what belongs to control planes that are gone; yes unless given. */
  public final B prune(boolean prune) {
    this.prune = prune;
    return self();
  }

  /** Whether a role the library did not create may be taken over; no unless given. */
  public final B adoptExistingRole(boolean adoptExistingRole) {
    this.adoptExistingRole = adoptExistingRole;
    return self();
  }

  /**
   * Opt-in for Spaces that do not label their host namespaces; no unless given. See
   * {@link IdentitySettings#trustUnlabelledHostNamespaces()} for what it widens.
   */
  public final B trustUnlabelledHostNamespaces(boolean trustUnlabelledHostNamespaces) {
    this.trustUnlabelledHostNamespaces = trustUnlabelledHostNamespaces;
    return self();
  }

  /**
   * Opt-in: let apply change an existing role's permissions boundary; no unless given. See
   * {@link IdentitySettings#repairPermissionsBoundary()}.
   */
  public final B repairPermissionsBoundary(boolean repairPermissionsBoundary) {
    this.repairPermissionsBoundary = repairPermissionsBoundary;
    return self();
  }

  /**
   * The values both modes share, made from what was given and checked: every problem is recorded in {@code p}, and
   * the values are null where a problem was found.
   */
  final Common common(Problems p) {
    InputRules.clusterName(p, "cluster", cluster);
    IamRole role = role(p);
    BillingStorage storage = storage(p);
    AwsAccount account = account(p, storage);
    Settings.checkOptions(p, serviceAccount, permissionPolicyName, account, storage, trustPolicyQuota);
    Settings.checkBoundaryPartition(p, role, storage);
    return new Common(cluster, role, storage, account);
  }

  /**
   * Sets, on the builder Immutables generated, the optional values that were given; the others keep their defaults
   * (those of {@link IdentitySettings}). The generated builders of the two modes share no type, hence the setters.
   */
  final void applyOptions(IntConsumer trustPolicyQuota, Consumer<String> serviceAccount,
      Consumer<String> permissionPolicyName, Consumer<Boolean> prune, Consumer<Boolean> adoptExistingRole,
      Consumer<Boolean> trustUnlabelledHostNamespaces, Consumer<Boolean> repairPermissionsBoundary) {
    if (this.trustPolicyQuota != null) {
      trustPolicyQuota.accept(this.trustPolicyQuota);
    }
    if (this.serviceAccount != null) {
      serviceAccount.accept(this.serviceAccount);
    }
    if (this.permissionPolicyName != null) {
      permissionPolicyName.accept(this.permissionPolicyName);
    }
    if (this.prune != null) {
      prune.accept(this.prune);
    }
    if (this.adoptExistingRole != null) {
      adoptExistingRole.accept(this.adoptExistingRole);
    }
    if (this.trustUnlabelledHostNamespaces != null) {
      trustUnlabelledHostNamespaces.accept(this.trustUnlabelledHostNamespaces);
    }
    if (this.repairPermissionsBoundary != null) {
      repairPermissionsBoundary.accept(this.repairPermissionsBoundary);
    }
  }

  private IamRole role(Problems p) {
    if (role != null) {
      boolean raw = roleName != null || rolePath != null || permissionsBoundary != null || !roleTags.isEmpty()
          || maxSessionDurationSeconds != null || roleDescription != null;
      conflict(p, "role", raw, "role(IamRole)", "roleName, rolePath and the role's raw guardrails");
      return role;
    }
    String path = rolePath == null ? "/" : rolePath;
    boolean ok = InputRules.roleName(p, "role.name", roleName);
    ok &= InputRules.rolePath(p, "role.path", path);
    // The guardrails are checked by IamRole's own rules, with the name and path or without (a placeholder name
    // that passes), so that a bad name does not hide a bad tag.
    boolean valid = ok;
    String name = valid ? roleName : "placeholder";
    IamRole built = p.attempt(() -> IamRole.builder().name(name).path(valid ? path : "/")
        .permissionsBoundary(Optional.ofNullable(permissionsBoundary)).tags(roleTags)
        .maxSessionDurationSeconds(maxSessionDurationSeconds == null ? OptionalInt.empty()
            : OptionalInt.of(maxSessionDurationSeconds))
        .description(Optional.ofNullable(roleDescription)).build());
    return valid ? built : null;
  }

  private BillingStorage storage(Problems p) {
    if (storage != null) {
      conflict(p, "storage", bucket != null || region != null, "storage(BillingStorage)", "bucket and region");
      return storage;
    }
    boolean ok = InputRules.region(p, "storage.region", region);
    ok &= InputRules.s3Bucket(p, "storage.bucket", bucket);
    return ok ? BillingStorage.s3(region, bucket) : null;
  }

  private AwsAccount account(Problems p, BillingStorage storage) {
    if (account != null) {
      conflict(p, "account", accountId != null, "account(AwsAccount)", "accountId");
      return account;
    }
    if (accountId == null) {
      return null;
    }
    // Without a valid region there is no partition: the id is checked alone, and the region's problem reported.
    boolean ok = InputRules.accountId(p, "account.id", accountId);
    return ok && storage != null ? AwsAccount.of(accountId, storage.partition()) : null;
  }

  private static void conflict(Problems p, String field, boolean both, String typed, String raw) {
    p.require(!both, field, null, "give " + typed + " or " + raw + ", not both");
  }

  /** The shared values, made and checked; null where a problem was found. */
  record Common(String cluster, IamRole role, BillingStorage storage, AwsAccount account) {
    Optional<AwsAccount> optionalAccount() {
      return Optional.ofNullable(account);
    }
  }
}
