package dev.billingidentity.testing.server;

import static dev.billingidentity.testing.server.QueryXml.element;
import static dev.billingidentity.testing.server.QueryXml.members;
import static dev.billingidentity.testing.server.QueryXml.tags;

import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * IAM's Query API (version 2010-05-08) over an {@link InMemoryAws}: the actions the library uses, and the reads a person
 * makes with the aws CLI to look at the account ({@code ListRoles}, {@code ListRoleTags}).
 */
final class IamQueryApi {
  static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
  private static final int DEFAULT_MAX_ITEMS = 100;

  private final InMemoryAws aws;
  /** The fake does not keep creation times: every entity says it was made when the server started. */
  private final String createDate = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

  IamQueryApi(InMemoryAws aws) {
    this.aws = aws;
  }

  AwsAnswer answer(QueryRequest q) {
    String action = q.action();
    String result = switch (action == null ? "" : action) {
      case "GetRole" -> role(aws.findRole(q.required("RoleName"))
          .orElseThrow(() -> noSuchEntity(action, "The role with name " + q.required("RoleName") + " cannot be found.")));
      case "CreateRole" -> role(aws.createRole(new NewRole(q.required("RoleName"),
          q.optional("Path") == null ? "/" : q.optional("Path"), q.required("AssumeRolePolicyDocument"),
          q.optional("Description"), q.tags(), Optional.ofNullable(q.optional("PermissionsBoundary")),
          q.optional("MaxSessionDuration") == null ? OptionalInt.empty()
              : OptionalInt.of(seconds(action, q.optional("MaxSessionDuration"))))));
      case "UpdateAssumeRolePolicy" -> {
        aws.updateTrustPolicy(q.required("RoleName"), q.required("PolicyDocument"));
        yield null;
      }
      case "TagRole" -> {
        aws.tagRole(q.required("RoleName"), q.tags());
        yield null;
      }
      case "UntagRole" -> {
        aws.untagRole(q.required("RoleName"), q.members("TagKeys"));
        yield null;
      }
      case "UpdateRole" -> {
        // IAM applies its default session duration to an UpdateRole that names none.
        aws.updateRole(q.required("RoleName"), q.optional("Description"), q.optional("MaxSessionDuration") == null
            ? RoleInfo.DEFAULT_MAX_SESSION_DURATION : seconds(action, q.optional("MaxSessionDuration")));
        yield null;
      }
      case "PutRolePermissionsBoundary" -> {
        aws.putRolePermissionsBoundary(q.required("RoleName"), q.required("PermissionsBoundary"));
        yield null;
      }
      case "DeleteRolePermissionsBoundary" -> {
        aws.deleteRolePermissionsBoundary(q.required("RoleName"));
        yield null;
      }
      case "DeleteRole" -> {
        aws.deleteRole(q.required("RoleName"));
        yield null;
      }
      case "ListRoles" -> page(q, aws.listRoles(q.optional("PathPrefix")), "Roles", r -> role(r, false));
      case "ListRoleTags" -> page(q, List.copyOf(new TreeMap<>(aws.listRoleTags(q.required("RoleName"))).entrySet()),
          "Tags", tag -> element("Key", tag.getKey()) + element("Value", tag.getValue()));
      case "ListRolePolicies" -> page(q, aws.listRolePolicyNames(q.required("RoleName")), "PolicyNames",
          QueryXml::escape);
      case "GetRolePolicy" -> element("RoleName", q.required("RoleName"))
          + element("PolicyName", q.required("PolicyName"))
          + element("PolicyDocument", PolicyUrlEncoding.encode(
              aws.findRolePolicy(q.required("RoleName"), q.required("PolicyName")).orElseThrow(() -> noSuchEntity(
                  action, "The role policy with name " + q.required("PolicyName") + " cannot be found."))));
      case "PutRolePolicy" -> {
        aws.putRolePolicy(q.required("RoleName"), q.required("PolicyName"), q.required("PolicyDocument"));
        yield null;
      }
      case "DeleteRolePolicy" -> {
        aws.deleteRolePolicy(q.required("RoleName"), q.required("PolicyName"));
        yield null;
      }
      case "ListOpenIDConnectProviders" -> {
        StringBuilder list = new StringBuilder("<OpenIDConnectProviderList>");
        aws.listOidcProviderArns().forEach(arn -> list.append("<member>").append(element("Arn", arn))
            .append("</member>"));
        yield list.append("</OpenIDConnectProviderList>").toString();
      }
      case "GetOpenIDConnectProvider" -> oidcProvider(aws.findOidcProvider(q.required("OpenIDConnectProviderArn"))
          .orElseThrow(() -> noSuchEntity(action,
              "OpenIDConnect Provider not found for arn " + q.required("OpenIDConnectProviderArn"))));
      case "CreateOpenIDConnectProvider" -> {
        NewOidcProvider provider = new NewOidcProvider(q.required("Url"), q.members("ClientIDList"),
            q.members("ThumbprintList"), q.tags());
        yield element("OpenIDConnectProviderArn", aws.createOidcProvider(provider)) + tags(provider.tags());
      }
      case "DeleteOpenIDConnectProvider" -> {
        aws.deleteOidcProvider(q.required("OpenIDConnectProviderArn"));
        yield null;
      }
      default -> throw new AwsServiceException("IAM", String.valueOf(action), "InvalidAction", 400,
          "The action or operation requested is invalid. Verify that the action is typed correctly.");
    };
    return QueryXml.response(NAMESPACE, action, result);
  }

  /**
   * One page of a list as IAM answers it: {@code <listName><member>...</member></listName>}, {@code IsTruncated} and,
   * when truncated, the {@code Marker} where the next page starts (opaque to the caller, as IAM's is). {@code
   * MaxItems} is 1 to 1,000, 100 when not given.
   */
  private static <T> String page(QueryRequest q, List<T> items, String listName, Function<T, String> member) {
    int from = q.optional("Marker") == null ? 0 : markerIndex(q.action(), q.optional("Marker"));
    int max = maxItems(q);
    int to = Math.min(items.size(), from + max);
    boolean truncated = to < items.size();
    StringBuilder out = new StringBuilder("<").append(listName).append('>');
    items.subList(Math.min(from, to), to)
        .forEach(item -> out.append("<member>").append(member.apply(item)).append("</member>"));
    return out.append("</").append(listName).append('>')
        + element("IsTruncated", String.valueOf(truncated))
        + (truncated ? element("Marker", Base64.getUrlEncoder().encodeToString(
            String.valueOf(to).getBytes(StandardCharsets.UTF_8))) : "");
  }

  private static int maxItems(QueryRequest q) {
    String value = q.optional("MaxItems");
    if (value == null) {
      return DEFAULT_MAX_ITEMS;
    }
    int max;
    try {
      max = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      max = 0;
    }
    if (max < 1 || max > 1000) {
      throw new InvalidParameterException("IAM", q.action(), "ValidationError", 400, "1 validation error detected: "
          + "Value '" + value + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
    }
    return max;
  }

  private static int markerIndex(String action, String marker) {
    try {
      return Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("IAM", action, "InvalidInput", 400, "Invalid Marker.");
    }
  }

  /**
   * A role as IAM answers it: the trust policy URL-encoded, the description only when the role has one, the
   * permissions boundary as an attachment ({@code PermissionsBoundaryType} is always {@code Policy}).
   */
  private String role(RoleInfo r) {
    return "<Role>" + role(r, true) + "</Role>";
  }

  /**
   * A role's fields; {@code ListRoles} answers them without the tags and the permissions boundary (IAM's listings
   * leave both out).
   */
  private String role(RoleInfo r, boolean withTags) {
    return element("Path", r.path()) + element("Arn", r.arn()) + element("RoleName", r.name())
        + element("AssumeRolePolicyDocument", PolicyUrlEncoding.encode(r.trustPolicyJson()))
        + element("CreateDate", createDate) + element("RoleId", roleId(r.name()))
        + element("Description", r.description().orElse(null))
        + element("MaxSessionDuration", String.valueOf(r.maxSessionDurationSeconds()))
        + (withTags ? r.permissionsBoundary().map(b -> "<PermissionsBoundary>"
            + element("PermissionsBoundaryType", "Policy") + element("PermissionsBoundaryArn", b)
            + "</PermissionsBoundary>").orElse("") + tags(r.tags()) : "");
  }

  /** An integer parameter, refused as IAM's model refuses a value that is not one. */
  private static int seconds(String action, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("IAM", action, "ValidationError", 400, "1 validation error detected: "
          + "Value '" + value + "' at 'maxSessionDuration' failed to satisfy constraint: Member must be an integer");
    }
  }

  private String oidcProvider(OidcProviderInfo p) {
    return members("ThumbprintList", p.thumbprints()) + element("CreateDate", createDate)
        + members("ClientIDList", p.clientIds()) + element("Url", p.url()) + tags(p.tags());
  }

  /** IAM's unique id of a role: {@code AROA} and 17 characters, here derived from the name so it is stable. */
  private static String roleId(String name) {
    String hash = Integer.toHexString(name.hashCode()).toUpperCase(Locale.ROOT);
    return "AROA" + (hash + "EXAMPLE0000000000").substring(0, 17);
  }

  private static NoSuchEntityException noSuchEntity(String action, String message) {
    return new NoSuchEntityException("IAM", action, "NoSuchEntity", 404, message);
  }
}
