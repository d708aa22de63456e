package dev.billingidentity.testing.aws.iam;

/**
 * IAM's wildcards: {@code *} matches any run of characters (none included), {@code ?} exactly one; nothing else is
 * special (no regular expression, no escape).
 */
final class Wildcards {
  private Wildcards() {}

  /** Whether {@code text} matches {@code pattern}, comparing characters exactly or ignoring case. */
  static boolean matches(String pattern, String text, boolean ignoreCase) {
    // Iterative glob matching with one backtrack point: linear for IAM's patterns, no regex to escape.
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (p < pattern.length()
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
