package dev.billingidentity.plan;

import java.util.Collection;

/**
 * A list of names for people, on one line: the first few, comma-separated, then how many more ({@code a, b, c and
 * 7 more}). Plans, notes and errors name what they touch, and stay readable for thousands of control planes; the
 * JSON forms carry every name.
 */
public final class NamedList {
  /** How many names a plan's line or note shows before it only counts the rest. */
  public static final int NAMED = 10;

  private NamedList() {}

  /** {@return the first {@value #NAMED} of {@code names}, in their order, then how many more} */
  public static String of(Collection<String> names) {
    return of(names, NAMED);
  }

  /** {@return the first {@code named} of {@code names}, in their order, then how many more} */
  public static String of(Collection<String> names, int named) {
    StringBuilder out = new StringBuilder(String.join(", ", names.stream().limit(named).toList()));
    if (names.size() > named) {
      out.append(" and ").append(names.size() - named).append(" more");
    }
    return out.toString();
  }
}
