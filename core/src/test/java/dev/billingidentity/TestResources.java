package dev.billingidentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the test resources (the guide's policies and Helm flags, policy fixtures) and minifies JSON text. */
public final class TestResources {
  private TestResources() {}

  /** The UTF-8 text of a resource on the test classpath, e.g. {@code guide/irsa-s3-permission-policy.json}. */
  public static String text(String path) {
    try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The non-empty lines of a resource. */
  public static List<String> lines(String path) {
    return text(path).lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * JSON text without the white space outside strings, and nothing else changed: what a user would call the
   * minified form of a document. Written independently of Jackson, so that it can judge Jackson's output.
   */
  public static String minify(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
