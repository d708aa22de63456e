package dev.billingidentity.aws;

import dev.billingidentity.role.Ownership;
import dev.billingidentity.validation.InputRules;
import dev.billingidentity.validation.Problems;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The IAM role the billing workload assumes: its name and path, and the guardrails an organisation may require of
 * every role (a permissions boundary, tags, a maximum session duration, a description), as eksctl
 * ({@code --permissions-boundary}, {@code --tags}) and terraform's IRSA module ({@code role_permissions_boundary_arn},
 * {@code tags}, {@code max_session_duration}) take them:
 *
 * <pre>{@code
 * IamRole.builder().name("spaces-billing")
 *     .permissionsBoundary("arn:aws:iam::123456789012:policy/DeveloperBoundary")
 *     .putTags("cost-center", "billing")
 *     .build();
 * }</pre>
 *
 * <p>The role is created with every guardrail named here, and a plan brings a role that drifted back to them:
 * the tags named here (and no other), the description and the session duration when named. A permissions boundary
 * is only ever changed on an existing role with {@code repairPermissionsBoundary} (see {@link
 * dev.billingidentity.IdentitySettings#repairPermissionsBoundary()}). What is not named here is left as IAM holds it.
 */
@Value.Immutable
public abstract class AbstractIamRole {
  /** {@return the role name, e.g. {@code spaces-billing}} */
  public abstract String name();

  /** {@return the role path, {@code /} unless given} */
  @Value.Default
  public String path() {
    return "/";
  }

  /**
   * The ARN of the managed policy that bounds the role's permissions, e.g.
   * {@code arn:aws:iam::123456789012:policy/DeveloperBoundary}: accounts whose service control policy denies
   * {@code iam:CreateRole} without {@code iam:PermissionsBoundary} need it. None unless given.
   */
  public abstract Optional<String> permissionsBoundary();

  /**
   * Tags of the role beside the library's own ({@code billing-identity.dev/managed-by} and
   * {@code billing-identity.dev/cluster}, which are not yours to set): at most 48, IAM's rules for keys and values.
   */
  public abstract Map<String, String> tags();

  /** {@return the role's maximum session duration in seconds, 3600 to 43200; IAM's default (3600) unless given} */
  public abstract OptionalInt maxSessionDurationSeconds();

  /** {@return the role's description; the library's own (naming the cluster and the mode) unless given} */
  public abstract Optional<String> description();

  /** {@return a role with the default path {@code /}} */
  public static IamRole named(String name) {
    return IamRole.builder().name(name).build();
  }

  /** {@return {@code arn:<partition>:iam::<account>:role<path><name>}} */
  public String arn(AwsAccount account) {
    return account.iamArn("role" + path() + name());
  }

  /** Refuses a value that breaks the rule of its field, naming both. */
  @Value.Check
  protected void check() {
    Problems p = new Problems();
    InputRules.roleName(p, "role.name", name());
    InputRules.rolePath(p, "role.path", path());
    permissionsBoundary().ifPresent(b -> InputRules.permissionsBoundaryArn(p, "role.permissionsBoundary", b));
    InputRules.roleTags(p, "role.tags", tags(), Ownership.TAG_KEYS);
    maxSessionDurationSeconds().ifPresent(s -> InputRules.maxSessionDuration(p, "role.maxSessionDurationSeconds", s));
    description().ifPresent(d -> InputRules.roleDescription(p, "role.description", d));
    p.throwIfAny();
  }
}
