package dev.billingidentity.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentityMode;
import dev.billingidentity.helm.HelmValues;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation would change, in order, computed from what AWS and the cluster hold now and never written
 * while computing. An empty plan means everything is as it should be. The plan also carries what the caller needs
 * to finish the job outside the library (the Space's Helm values) and what it should know (notes, such as control
 * planes that are not provisioned yet, and the trust policy's capacity).
 */
public final class Plan {
  private final IdentityMode mode;
  private final String roleArn;
  private final List<Change> changes;
  private final List<String> notes;
  private final TrustCapacity capacity;
  private final HelmValues helmValues;
  private final BillingIdentityException blocker;

  private Plan(Builder b) {
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.roleArn = Objects.requireNonNull(b.roleArn, "roleArn");
    this.changes = List.copyOf(b.changes);
    this.notes = List.copyOf(b.notes);
    this.capacity = b.capacity;
    this.helmValues = Objects.requireNonNull(b.helmValues, "helmValues");
    this.blocker = b.blocker;
  }

  /** A builder of a plan for the mode, the role and the Helm values. */
  public static Builder builder(IdentityMode mode, String roleArn, HelmValues helmValues) {
    Builder b = new Builder();
    b.mode = mode;
    b.roleArn = roleArn;
    b.helmValues = helmValues;
    return b;
  }

  /** {@return the identity mode it sets up} */
  public IdentityMode mode() {
    return mode;
  }

  /** {@return the ARN of the billing role} */
  public String roleArn() {
    return roleArn;
  }

  /** {@return the changes, in the order they are applied} */
  public List<Change> changes() {
    return changes;
  }

  /** Things the caller should know, e.g. control planes not provisioned yet. */
  public List<String> notes() {
    return notes;
  }

  /** {@return the trust policy's size against its quota, for strategies whose trust grows with control planes} */
  public Optional<TrustCapacity> capacity() {
    return Optional.ofNullable(capacity);
  }

  /** {@return the Space's Helm values for this mode} */
  public HelmValues helmValues() {
    return helmValues;
  }

  /**
   * Why this plan must not be applied, if it must not: e.g. a trust policy over its quota, or more associations than
   * EKS allows. {@code apply()} throws it before the first write.
   */
  public Optional<BillingIdentityException> blocker() {
    return Optional.ofNullable(blocker);
  }

  /** {@return whether there is nothing to change} */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** {@return the plan for people: one line per change, then notes and capacity} */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(mode.displayName()).append(" plan for ").append(roleArn).append(": ");
    out.append(changes.isEmpty() ? "no changes" : changes.size() + (changes.size() == 1 ? " change" : " changes"));
    out.append('\n');
    for (Change c : changes) {
      out.append("  ").append(c.describe()).append('\n');
    }
    capacity().ifPresent(c -> out.append("  (").append(c).append(")\n"));
    for (String note : notes) {
      out.append("  note: ").append(note).append('\n');
    }
    blocker().ifPresent(b -> out.append("  BLOCKED: ").append(b.getMessage()).append('\n'));
    return out.toString();
  }

  /** {@return the plan as JSON: mode, role, changes, notes, capacity and Helm values} */
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.MAPPER.createObjectNode();
    node.put("mode", mode.id());
    node.put("roleArn", roleArn);
    ArrayNode cs = node.putArray("changes");
    changes.forEach(c -> cs.add(c.toJson()));
    ArrayNode ns = node.putArray("notes");
    notes.forEach(ns::add);
    capacity().ifPresent(c -> {
      ObjectNode cap = node.putObject("trustPolicy");
      cap.put("size", c.size());
      cap.put("quota", c.quota());
      cap.put("subjects", c.subjects());
      cap.put("moreSubjectsThatFit", c.moreSubjectsThatFit());
    });
    node.set("helmValues", helmValues.toJson());
    blocker().ifPresent(b -> node.put("blocker", b.getMessage()));
    return node;
  }

  /** {@link #toJson()} as JSON text, for a consumer that does not use Jackson 2. */
  public String toJsonString() {
    return toJson().toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /** Builds a plan; changes keep the order they are added in. */
  public static final class Builder {
    private IdentityMode mode;
    private String roleArn;
    private HelmValues helmValues;
    private final java.util.ArrayList<Change> changes = new java.util.ArrayList<>();
    private final java.util.ArrayList<String> notes = new java.util.ArrayList<>();
    private TrustCapacity capacity;
    private BillingIdentityException blocker;

    private Builder() {}

    /**
     * Marks the plan as not applicable, for the given reason. The first reason given stays the plan's blocker (a
     * preflight check runs first, and its reason is the one to fix first); later ones are kept as notes.
     */
    public Builder blocker(BillingIdentityException blocker) {
      if (this.blocker == null) {
        this.blocker = blocker;
      } else {
        notes.add("also blocked: " + blocker.getMessage());
      }
      return this;
    }

    /** Adds a change after those added before. */
    public Builder add(Change change) {
      changes.add(Objects.requireNonNull(change));
      return this;
    }

    /** Adds changes, in their order, after those added before. */
    public Builder addAll(List<? extends Change> more) {
      more.forEach(this::add);
      return this;
    }

    /** Adds a note for people. */
    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    /** Sets the trust policy capacity the plan leaves. */
    public Builder capacity(TrustCapacity capacity) {
      this.capacity = capacity;
      return this;
    }

    /** {@return the plan} */
    public Plan build() {
      return new Plan(this);
    }
  }
}
