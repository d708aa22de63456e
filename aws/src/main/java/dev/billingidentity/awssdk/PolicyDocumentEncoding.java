package dev.billingidentity.awssdk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * IAM returns policy documents ({@code GetRole}'s trust policy, {@code GetRolePolicy}'s document) URL-encoded as RFC
 * 3986 says. {@link java.net.URLDecoder} decodes HTML forms instead, where {@code +} means a space: it would turn a
 * condition value {@code a+b} into {@code a b}. This decoder only turns {@code %XX} into bytes, read as UTF-8.
 */
final class PolicyDocumentEncoding {
  private PolicyDocumentEncoding() {}

  /**
   * The JSON of a policy document as IAM returns it. A document that already starts with <code>{</code> is returned as
   * it is: it cannot be encoded (an encoded one starts with {@code %7B}), and some AWS emulators answer plain JSON.
   *
   * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits
   */
  static String decode(String document) {
    if (document == null || document.stripLeading().startsWith("{")) {
      return document;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(document.length());
    byte[] raw = document.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != '%') {
        bytes.write(raw[i]);
        continue;
      }
      int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
      int low = high >= 0 ? Character.digit(raw[i + 2], 16) : -1;
      if (low < 0) {
        throw new IllegalArgumentException("not a URL-encoded policy document: bad escape at index " + i);
      }
      bytes.write(high << 4 | low);
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
