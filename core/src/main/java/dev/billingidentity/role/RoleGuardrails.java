package dev.billingidentity.role;

import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.Change;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.verify.Finding;
import dev.billingidentity.verify.FindingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The guardrails of an existing role: its permissions boundary, the tags the settings name, its maximum session
 * duration and description, compared with {@link IamRole}. Pure: what differs becomes changes and notes for a plan,
 * or findings for a verification.
 *
 * <p>Only what the settings name is compared, so that a role's other tags, and a description or session duration
 * someone else chose, are left as they are. The permissions boundary is changed only with the opt-in
 * {@code repairPermissionsBoundary}; then the role's boundary is exactly the settings' (put when missing or
 * different, removed when the settings name none).
 */
public final class RoleGuardrails {
  private RoleGuardrails() {}

  /** What the named tags need: the missing or different values, the other spellings of their keys to drop. */
  record TagDrift(Map<String, String> set, List<String> remove, List<String> described) {
    boolean none() {
      return set.isEmpty() && remove.isEmpty();
    }
  }

  /** Adds to {@code changes} and {@code notes} what brings {@code current} to {@code wanted}'s guardrails. */
  static void plan(RoleInfo current, IamRole wanted, boolean repairBoundary, List<Change> changes, List<String> notes) {
    String name = current.name();
    TagDrift tags = tagDrift(current, wanted);
    if (!tags.none()) {
      changes.add(new UpdateRoleTags(name, tags.set(), tags.remove()));
    }
    if (descriptionDrifts(current, wanted) || sessionDrifts(current, wanted)) {
      changes.add(new UpdateRole(name, wanted.description().or(current::description).orElse(null),
          wanted.maxSessionDurationSeconds().orElse(current.maxSessionDurationSeconds())));
    }
    Optional<String> want = wanted.permissionsBoundary();
    Optional<String> have = current.permissionsBoundary();
    if (want.isPresent() && !want.equals(have)) {
      if (repairBoundary) {
        changes.add(new PutRolePermissionsBoundary(name, want.get(), have));
      } else {
        notes.add(boundaryDrift(name, want.get(), have) + "; the library changes a role's boundary only with "
            + "repairPermissionsBoundary: " + boundaryFix(name, want.get()));
      }
    } else if (want.isEmpty() && have.isPresent() && repairBoundary) {
      changes.add(new DeleteRolePermissionsBoundary(name, have.get()));
    }
  }

  /** The findings about {@code current}'s guardrails: one per guardrail the settings name (or manage). */
  static List<Finding> findings(RoleInfo current, IamRole wanted, boolean repairBoundary) {
    List<Finding> out = new ArrayList<>();
    String name = current.name();
    Optional<String> want = wanted.permissionsBoundary();
    Optional<String> have = current.permissionsBoundary();
    String remedy = repairBoundary ? "apply()" : want.map(w -> boundaryFix(name, w)).orElse("");
    if (want.isPresent()) {
      out.add(want.equals(have)
          ? Finding.ok("role", "permissions-boundary", want.get())
          : Finding.problem("role", "permissions-boundary", have.isEmpty() ? FindingState.MISSING
              : FindingState.DRIFTED, boundaryDrift(name, want.get(), have), remedy));
    } else if (have.isPresent() && repairBoundary) {
      out.add(Finding.problem("role", "permissions-boundary", FindingState.DRIFTED, "role " + name
          + " has permissions boundary " + have.get() + ", which the settings do not name",
          "apply() (repairPermissionsBoundary removes it), or name it (permissionsBoundary)"));
    }
    if (!wanted.tags().isEmpty()) {
      TagDrift tags = tagDrift(current, wanted);
      out.add(tags.none()
          ? Finding.ok("role", "tags", wanted.tags().size() + " tag(s) as set")
          : Finding.problem("role", "tags", FindingState.DRIFTED, "tags of role " + name + " differ from the "
              + "settings: " + String.join(", ", tags.described()), "apply()"));
    }
    wanted.maxSessionDurationSeconds().ifPresent(s -> out.add(sessionDrifts(current, wanted)
        ? Finding.problem("role", "max-session-duration", FindingState.DRIFTED, "the maximum session duration of "
            + "role " + name + " is " + current.maxSessionDurationSeconds() + " s, not " + s + " s", "apply()")
        : Finding.ok("role", "max-session-duration", s + " s")));
    wanted.description().ifPresent(d -> out.add(descriptionDrifts(current, wanted)
        ? Finding.problem("role", "description", FindingState.DRIFTED, "the description of role " + name + " is "
            + current.description().map(c -> "\"" + c + "\"").orElse("empty") + ", not \"" + d + "\"", "apply()")
        : Finding.ok("role", "description", d)));
    return out;
  }

  private static TagDrift tagDrift(RoleInfo current, IamRole wanted) {
    Map<String, String> set = new TreeMap<>();
    List<String> remove = new ArrayList<>();
    List<String> described = new ArrayList<>();
    new TreeMap<>(wanted.tags()).forEach((key, value) -> {
      String have = current.tags().get(key);
      if (!value.equals(have)) {
        set.put(key, value);
        described.add(have == null ? key + " (missing)" : key + " (is '" + have + "', not '" + value + "')");
      }
      current.tags().keySet().stream().filter(k -> !k.equals(key) && k.equalsIgnoreCase(key)).sorted()
          .forEach(k -> {
            remove.add(k);
            described.add(k + " (the key " + key + " spelt in another case)");
          });
    });
    return new TagDrift(set, remove, described);
  }

  private static boolean descriptionDrifts(RoleInfo current, IamRole wanted) {
    return wanted.description().filter(d -> !d.equals(current.description().orElse(""))).isPresent();
  }

  private static boolean sessionDrifts(RoleInfo current, IamRole wanted) {
    return wanted.maxSessionDurationSeconds().isPresent()
        && wanted.maxSessionDurationSeconds().getAsInt() != current.maxSessionDurationSeconds();
  }

  private static String boundaryDrift(String name, String want, Optional<String> have) {
    return "role " + name + have.map(h -> " has permissions boundary " + h + ", not ").orElse(
        " has no permissions boundary; the settings name ") + want;
  }

  private static String boundaryFix(String name, String want) {
    return "apply() with repairPermissionsBoundary (CLI --repair-permissions-boundary), or aws iam "
        + "put-role-permissions-boundary --role-name " + name + " --permissions-boundary " + want;
  }
}
