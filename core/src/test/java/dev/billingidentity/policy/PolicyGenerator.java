package dev.billingidentity.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Random policy documents from a seed, for property tests: statements with known and unknown elements, strings with
 * escapes and any Unicode, integers of every size, exact decimals, booleans, nulls, nested condition maps and arrays,
 * {@code Statement} as an object or an array. The same seed gives the same document, so a failure is reproducible.
 */
final class PolicyGenerator {
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);
  private static final List<String> TOKENS = List.of("\"", "\\", "/", "\\u0041", "'", " ", "*", "?",
      "${aws:username}", "é", "中文", "😀", "𝄞", "\u2028", "\uFEFF", "\u007f", "\u0001", "\n", ":",
      "arn:aws:iam::123456789012:role/x", "abc", "S3", "0");
  private static final List<String> OPERATORS = List.of("StringEquals", "StringLike", "ForAnyValue:StringLike",
      "NumericLessThan", "Bool", "Null", "ArnEquals", "DateGreaterThan", "IpAddress");

  private final Random random;

  PolicyGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** A whole document; {@code ownedSids} makes some statements the library's. */
  ObjectNode document(boolean ownedSids) {
    ObjectNode doc = F.objectNode();
    if (random.nextBoolean()) {
      doc.put("Version", random.nextBoolean() ? "2012-10-17" : "2008-10-17");
    }
    if (random.nextInt(4) == 0) {
      doc.put("Id", text());
    }
    if (random.nextInt(5) == 0) {
      doc.put("Statement", F.objectNode());
      doc.set("Statement", statement(ownedSids));
    } else {
      ArrayNode statements = doc.putArray("Statement");
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        statements.add(statement(ownedSids));
      }
    }
    if (random.nextInt(4) == 0) {
      doc.set("x-unknown-top-level", any(2));
    }
    return doc;
  }

  ObjectNode statement(boolean ownedSids) {
    ObjectNode s = F.objectNode();
    int sid = random.nextInt(ownedSids ? 4 : 3);
    if (sid == 1) {
      s.put("Sid", "Foreign" + text().replace(BillingPolicies.OWNED_SID_PREFIX, ""));
    } else if (sid == 2) {
      s.put("Sid", random.nextInt(100));
    } else if (sid == 3) {
      s.put("Sid", BillingPolicies.OWNED_SID_PREFIX + text());
    }
    s.set("Effect", random.nextInt(8) == 0 ? scalar() : F.textNode(random.nextBoolean() ? "Allow" : "Deny"));
    for (String element : List.of("Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource")) {
      if (random.nextBoolean()) {
        s.set(element, element.endsWith("Principal") ? principal() : stringOrArray());
      }
    }
    if (random.nextBoolean()) {
      s.set("Condition", conditions());
    }
    if (random.nextInt(3) == 0) {
      s.set("x-" + text().replaceAll("[^a-z]", "") + "k", any(3));
    }
    return s;
  }

  private JsonNode principal() {
    if (random.nextInt(5) == 0) {
      return F.textNode("*");
    }
    ObjectNode p = F.objectNode();
    for (String type : List.of("AWS", "Service", "Federated", "CanonicalUser")) {
      if (random.nextBoolean()) {
        p.set(type, stringOrArray());
      }
    }
    return p.isEmpty() ? p.set("AWS", stringOrArray()) : p;
  }

  private JsonNode stringOrArray() {
    if (random.nextBoolean()) {
      return F.textNode(text());
    }
    ArrayNode a = F.arrayNode();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      a.add(text());
    }
    return a;
  }

  private JsonNode conditions() {
    ObjectNode c = F.objectNode();
    int operators = 1 + random.nextInt(3);
    for (int i = 0; i < operators; i++) {
      ObjectNode keys = F.objectNode();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        int kind = random.nextInt(7);
        keys.set(text() + k, kind < 3 ? scalar() : kind < 6 ? scalars() : any(2));
      }
      c.set(random.nextInt(4) == 0 ? text() + "Op" : OPERATORS.get(random.nextInt(OPERATORS.size())), keys);
    }
    return c;
  }

  private JsonNode scalars() {
    ArrayNode a = F.arrayNode();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      a.add(scalar());
    }
    return a;
  }

  private JsonNode any(int depth) {
    int kind = depth == 0 ? 0 : random.nextInt(6);
    if (kind < 4) {
      return scalar();
    }
    if (kind == 4) {
      ArrayNode a = F.arrayNode();
      for (int i = random.nextInt(3); i > 0; i--) {
        a.add(any(depth - 1));
      }
      return a;
    }
    ObjectNode o = F.objectNode();
    for (int i = random.nextInt(3); i > 0; i--) {
      o.set(text() + i, any(depth - 1));
    }
    return o;
  }

  /** Strings, integers of every size, exact decimals (1.50 is not 1.5), booleans and null. */
  JsonNode scalar() {
    switch (random.nextInt(9)) {
      case 0, 1, 2:
        return F.textNode(text());
      case 3:
        return F.numberNode(random.nextInt());
      case 4:
        return F.numberNode(random.nextLong() | (1L << 40));
      case 5:
        return F.numberNode(new BigInteger(100, random).add(BigInteger.valueOf(Long.MAX_VALUE)).add(BigInteger.ONE));
      case 6:
        return F.numberNode(new BigDecimal(BigInteger.valueOf(random.nextInt(2_000_000) - 1_000_000),
            1 + random.nextInt(10)));
      case 7:
        return F.booleanNode(random.nextBoolean());
      default:
        return F.nullNode();
    }
  }

  String text() {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(5); i > 0; i--) {
      s.append(TOKENS.get(random.nextInt(TOKENS.size())));
    }
    return s.toString();
  }

  /** Host namespaces: DNS labels and default {@code mxp-<uuid>-system} names. */
  List<String> hostNamespaces() {
    int n = 1 + random.nextInt(30);
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      out.add(random.nextBoolean() ? "mxp-" + new java.util.UUID(random.nextLong(), random.nextLong()) + "-system"
          : "ns-" + Integer.toString(random.nextInt(1 << 20), 36));
    }
    return List.copyOf(out);
  }
}
