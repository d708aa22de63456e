package dev.billingidentity.testing.server;

import java.nio.charset.StandardCharsets;

/**
 * How IAM returns policy documents ({@code GetRole}, {@code CreateRole}, {@code GetRolePolicy}): URL-encoded as RFC
 * 3986 says, every byte but the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX}. The fake does the
 * same so that a client which forgets to decode, or decodes {@code +} as a space, fails against it as against IAM.
 */
final class PolicyUrlEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PolicyUrlEncoding() {}

  static String encode(String document) {
    StringBuilder out = new StringBuilder(document.length() * 2);
    for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
