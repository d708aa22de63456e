package dev.billingidentity.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The naming rules of AWS and Kubernetes that the library checks before any I/O. Each method records its
 * problems in {@code problems} under the given field name and returns whether the value passed.
 */
public final class InputRules {
  private InputRules() {}

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> BUCKET_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> BUCKET_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
  private static final Pattern REGION = Pattern.compile(
      "[a-z]{2}(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[1-9]");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern ROLE_PATH = Pattern.compile("/|/[\\u0021-\\u007E]+/");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]*");
  // IAM's API model: policy ARNs of a customer account or of AWS ("aws"), a policy path and a policy name.
  private static final Pattern MANAGED_POLICY_ARN = Pattern.compile(
      "arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}|aws):policy(/[\\u0021-\\u007E]+)?/[\\w+=,.@-]{1,128}");
  // IAM's tagKeyType and tagValueType.
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  // IAM's roleDescriptionType.
  private static final Pattern ROLE_DESCRIPTION =
      Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");

  /** IAM's limit of tags on one role. */
  public static final int MAX_ROLE_TAGS = 50;
  /** The shortest maximum session duration IAM accepts for a role, in seconds (one hour, IAM's default). */
  public static final int MIN_MAX_SESSION_DURATION = 3600;
  /** The longest maximum session duration IAM accepts for a role, in seconds (twelve hours). */
  public static final int MAX_MAX_SESSION_DURATION = 43_200;
  /** The longest role description IAM accepts. */
  public static final int MAX_ROLE_DESCRIPTION = 1000;

  /** S3 general purpose bucket naming rules. */
  public static boolean s3Bucket(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() >= 3 && v.length() <= 63, field, v, "an S3 bucket name has 3 to 63 characters");
    ok &= p.require(BUCKET.matcher(v).matches(), field, v,
        "an S3 bucket name has only lowercase letters, digits, dots and hyphens, and begins and ends with a letter or digit");
    ok &= p.require(!v.contains(".."), field, v, "an S3 bucket name has no two adjacent dots");
    ok &= p.require(!IPV4.matcher(v).matches(), field, v, "an S3 bucket name is not formatted as an IP address");
    for (String prefix : BUCKET_PREFIXES) {
      ok &= p.require(!v.startsWith(prefix), field, v, "an S3 bucket name does not start with '" + prefix + "'");
    }
    for (String suffix : BUCKET_SUFFIXES) {
      ok &= p.require(!v.endsWith(suffix), field, v, "an S3 bucket name does not end with '" + suffix + "'");
    }
    return ok;
  }

  /** {@return an AWS region code such as {@code us-east-1}, {@code cn-north-1} or {@code us-gov-west-1}} */
  public static boolean region(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    return p.require(REGION.matcher(v).matches(), field, v,
        "an AWS region code looks like 'us-east-1', 'cn-north-1' or 'us-gov-west-1'");
  }

  /** {@return a 12-digit AWS account id} */
  public static boolean accountId(Problems p, String field, String v) {
    return p.require(v != null && ACCOUNT.matcher(v).matches(), field, v, "an AWS account id is exactly 12 digits");
  }

  /** IAM role names: 1 to 64 characters of letters, digits and {@code +=,.@_-}. */
  public static boolean roleName(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() <= 64, field, v, "an IAM role name has at most 64 characters");
    ok &= p.require(ROLE_NAME.matcher(v).matches(), field, v,
        "an IAM role name has only letters, digits and the characters +=,.@_-");
    return ok;
  }

  /** IAM paths: {@code /} or {@code /a/b/}, 1 to 512 printable ASCII characters. */
  public static boolean rolePath(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() <= 512, field, v, "an IAM path has at most 512 characters");
    ok &= p.require(ROLE_PATH.matcher(v).matches(), field, v,
        "an IAM path is '/' or begins and ends with '/' and has only printable ASCII characters without spaces");
    ok &= p.require(!v.contains("//"), field, v, "an IAM path has no empty segment ('//')");
    return ok;
  }

  /** {@return a Kubernetes namespace name (DNS-1123 label)} */
  public static boolean namespace(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() <= 63, field, v, "a Kubernetes namespace has at most 63 characters (DNS-1123 label)");
    ok &= p.require(DNS_LABEL.matcher(v).matches(), field, v,
        "a Kubernetes namespace is a DNS-1123 label: lowercase letters, digits and '-', beginning and ending with a letter or digit");
    return ok;
  }

  /** {@return a Kubernetes object name (DNS-1123 subdomain), e.g. a service account or a control plane} */
  public static boolean objectName(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() <= 253, field, v, "a Kubernetes object name has at most 253 characters");
    ok &= p.require(DNS_SUBDOMAIN.matcher(v).matches(), field, v,
        "a Kubernetes object name is a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'");
    return ok;
  }

  /** An EKS cluster name: 1 to 100 characters, letters, digits, '-' and '_', beginning with a letter or digit. */
  public static boolean clusterName(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() <= 100, field, v, "an EKS cluster name has at most 100 characters");
    ok &= p.require(CLUSTER_NAME.matcher(v).matches(), field, v,
        "an EKS cluster name has only letters, digits, '-' and '_', and begins with a letter or digit");
    return ok;
  }

  /** An OIDC issuer URL: absolute {@code https}, with a host, no query, fragment, user info or trailing slash. */
  public static boolean issuerUrl(Problems p, String field, String v) {
    if (!p.require(v != null && !v.isEmpty(), field, v, "is required")) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      return p.require(false, field, v, "an OIDC issuer is a valid URL (" + e.getReason() + ")");
    }
    if (!p.require("https".equals(uri.getScheme()), field, v, "an OIDC issuer URL starts with 'https://'")) {
      return false;
    }
    boolean ok = p.require(uri.getHost() != null && !uri.getHost().isEmpty(), field, v, "an OIDC issuer URL has a host");
    ok &= p.require(uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null,
        field, v, "an OIDC issuer URL has no query, fragment or user info");
    ok &= p.require(!v.endsWith("/"), field, v, "an OIDC issuer URL does not end with '/'");
    return ok;
  }

  /**
   * A trust policy size quota: between AWS's default (2,048) and the largest AWS grants (8,192). A smaller value would
   * make the library refuse what IAM accepts; a larger one would let it attempt what IAM refuses.
   */
  public static boolean trustPolicyQuota(Problems p, String field, int v) {
    return p.require(v >= 2048 && v <= 8192, field, v,
        "the trust policy quota is between 2048 (AWS's default) and 8192 (AWS's maximum)");
  }

  /** {@return an IAM role ARN in one of the supported partitions} */
  public static boolean roleArn(Problems p, String field, String v) {
    return p.require(v != null
            && v.matches("arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role(/[\\u0021-\\u007E]+)?/[\\w+=,.@-]{1,64}"),
        field, v, "an IAM role ARN looks like 'arn:aws:iam::123456789012:role/name' (partition aws, aws-cn or aws-us-gov)");
  }

  /**
   * A permissions boundary: the ARN of an IAM managed policy (the account's own, {@code arn:aws:iam::<account>:policy/
   * [path/]name}, or one of AWS's, {@code arn:aws:iam::aws:policy/...}) in a supported partition.
   */
  public static boolean permissionsBoundaryArn(Problems p, String field, String v) {
    return p.require(v != null && v.length() <= 2048 && MANAGED_POLICY_ARN.matcher(v).matches(), field, v,
        "a permissions boundary is an IAM managed policy ARN such as 'arn:aws:iam::123456789012:policy/Boundary' or "
            + "'arn:aws:iam::aws:policy/PowerUserAccess' (partition aws, aws-cn or aws-us-gov)");
  }

  /**
   * Role tags as IAM takes them: keys of 1 to 128 and values of 0 to 256 letters, digits, spaces and {@code _.:/=+-@};
   * no key beginning with {@code aws:} (AWS's own); no two keys that differ only in case (IAM holds one of them); none
   * of {@code reserved} (the keys the library writes itself); and at most {@value #MAX_ROLE_TAGS} tags with the
   * reserved ones.
   */
  public static boolean roleTags(Problems p, String field, Map<String, String> tags, List<String> reserved) {
    boolean ok = p.require(tags.size() + reserved.size() <= MAX_ROLE_TAGS, field, tags.size() + " tags",
        "a role has at most " + MAX_ROLE_TAGS + " tags: at most " + (MAX_ROLE_TAGS - reserved.size())
            + " of yours beside the library's own " + String.join(", ", reserved));
    Map<String, String> byLowerCase = new HashMap<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      String value = tag.getValue();
      int keyLength = key.codePointCount(0, key.length());
      ok &= p.require(keyLength >= 1 && keyLength <= 128, field, key, "a tag key has 1 to 128 characters");
      ok &= p.require(TAG_KEY.matcher(key).matches(), field, key,
          "a tag key has only letters, digits, spaces and the characters _.:/=+-@");
      String lower = key.toLowerCase(Locale.ROOT);
      ok &= p.require(!lower.startsWith("aws:"), field, key, "tag keys beginning with 'aws:' are reserved for AWS");
      ok &= p.require(reserved.stream().noneMatch(r -> r.equalsIgnoreCase(key)), field, key,
          "the tag " + key + " is the library's own: it marks what billing-identity manages and is not yours to set");
      String other = byLowerCase.putIfAbsent(lower, key);
      ok &= p.require(other == null, field, key,
          "IAM tag keys are not case sensitive: '" + other + "' and '" + key + "' are the same key");
      ok &= p.require(value != null && value.codePointCount(0, value.length()) <= 256, field, key + "=" + value,
          "a tag value has at most 256 characters");
      ok &= p.require(value != null && TAG_VALUE.matcher(value).matches(), field, key + "=" + value,
          "a tag value has only letters, digits, spaces and the characters _.:/=+-@");
    }
    return ok;
  }

  /** {@return a role's maximum session duration: one hour (IAM's default) to twelve hours, in seconds} */
  public static boolean maxSessionDuration(Problems p, String field, int seconds) {
    return p.require(seconds >= MIN_MAX_SESSION_DURATION && seconds <= MAX_MAX_SESSION_DURATION, field, seconds,
        "a role's maximum session duration is 3600 to 43200 seconds (1 to 12 hours)");
  }

  /** {@return a role description: at most 1,000 characters of printable ASCII, Latin-1 letters, tab and line breaks} */
  public static boolean roleDescription(Problems p, String field, String v) {
    if (!p.require(v != null, field, v, "is required")) {
      return false;
    }
    boolean ok = p.require(v.length() <= MAX_ROLE_DESCRIPTION, field, v,
        "a role description has at most " + MAX_ROLE_DESCRIPTION + " characters");
    ok &= p.require(ROLE_DESCRIPTION.matcher(v).matches(), field, v,
        "a role description has only printable ASCII and Latin-1 characters (U+0020 to U+007E, U+00A1 to U+00FF), "
            + "tabs and line breaks");
    return ok;
  }
}
