package dev.billingidentity.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects problems across several checks and throws them together. Value types use it in their construction
 * checks; callers that build several values at once (a CLI, a settings file reader) use {@link #attempt} so that
 * the user sees every problem of every value, not just the first value's.
 */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  /** Records a problem when {@code ok} is false. Returns {@code ok}, so that dependent checks can be skipped. */
  public boolean require(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      found.add(new Problem(field, value == null ? null : String.valueOf(value), rule));
    }
    return ok;
  }

  /** Adds a problem unconditionally. */
  public void add(Problem problem) {
    found.add(problem);
  }

  /**
   * Builds a value, keeping its problems instead of throwing them. Returns null when the value is invalid; call
   * {@link #throwIfAny()} once every value was attempted.
   */
  public <T> T attempt(Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      found.addAll(e.problems());
      return null;
    }
  }

  /** {@return whether no problem was found} */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** {@return the problems found, in order} */
  public List<Problem> asList() {
    return List.copyOf(found);
  }

  /** Throws an {@link InvalidInputException} with everything found so far, if anything was found. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }
}
