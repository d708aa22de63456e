package dev.billingidentity.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a {@link Plan}: a single write to AWS or to the cluster, which can be printed, reviewed, serialised
 * and applied on its own. Applying a change is idempotent: applying it again, or after a crash half-way, ends in
 * the same state, so that the next {@code apply()} repairs any interruption.
 *
 * <p>The interface is open: a strategy module brings its own change types.
 */
public interface Change {
  /** {@return the change's type, e.g. {@code CreateRole}: the {@code "change"} field of its JSON} */
  String kind();

  /** {@return one line for people, e.g. {@code create role spaces-billing (path /)}} */
  String describe();

  /** {@return the change as JSON: {@code kind} plus what it will write} */
  ObjectNode toJson();

  /** Performs the change. */
  void apply(ApplyContext context);

  /**
   * Whether this change may run at the same time as its neighbours that are also concurrent (for example the
   * creation of many associations, or many restarts). Changes that are not run one at a time, in plan order.
   */
  default boolean concurrent() {
    return false;
  }
}
