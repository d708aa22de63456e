package dev.billingidentity.testing.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTParser;
import dev.billingidentity.spi.aws.AddonInfo;
import dev.billingidentity.spi.aws.AssumedRole;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationPage;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.ClusterInfo;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.NewAssociation;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.testing.aws.InMemoryAws;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EKS's REST-JSON API over an {@link InMemoryAws}: {@code DescribeCluster}, the add-on calls and the Pod Identity
 * association calls, on EKS's paths ({@code /clusters/{name}/pod-identity-associations/{id}}), the lists a person
 * reads with the aws CLI ({@code ListClusters}, {@code ListAddons}), and EKS Auth's
 * {@code POST /clusters/{name}/assume-role-for-pod-identity}.
 */
final class EksRestApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_MAX_RESULTS = 100;

  private final InMemoryAws aws;

  EksRestApi(InMemoryAws aws) {
    this.aws = aws;
  }

  /** The answer to {@code method} on {@code url} (path and query) with a JSON {@code body}. */
  AwsAnswer answer(String method, String url, String body) {
    URI uri = URI.create(url);
    List<String> path = segments(uri.getRawPath());
    Map<String, String> query = query(uri.getRawQuery());
    String cluster = path.size() > 1 ? path.get(1) : null;
    String id = path.size() > 3 ? path.get(3) : null;
    return switch (method + " " + route(path)) {
      case "GET /clusters" -> names("clusters", page(aws.listClusters(), query, "ListClusters"));
      case "GET /clusters/*" -> ok("cluster", cluster(aws.describeCluster(cluster)));
      case "GET /clusters/*/addons" -> names("addons", page(aws.listAddons(cluster), query, "ListAddons"));
      case "GET /clusters/*/addons/*" -> ok("addon", addon(cluster, id));
      case "POST /clusters/*/addons" -> createAddon(cluster, field(body, "addonName", "CreateAddon"));
      case "GET /clusters/*/pod-identity-associations" -> list(cluster, query);
      case "POST /clusters/*/pod-identity-associations" -> ok("association", association(
          aws.createPodIdentityAssociation(new NewAssociation(cluster,
              field(body, "namespace", "CreatePodIdentityAssociation"),
              field(body, "serviceAccount", "CreatePodIdentityAssociation"),
              field(body, "roleArn", "CreatePodIdentityAssociation"), tags(body)))));
      case "GET /clusters/*/pod-identity-associations/*" ->
          ok("association", association(aws.describePodIdentityAssociation(cluster, id)));
      case "POST /clusters/*/pod-identity-associations/*" -> ok("association", association(
          aws.updatePodIdentityAssociation(cluster, id, field(body, "roleArn", "UpdatePodIdentityAssociation"))));
      case "DELETE /clusters/*/pod-identity-associations/*" -> delete(cluster, id);
      case "POST /clusters/*/assume-role-for-pod-identity" -> assumeRoleForPodIdentity(cluster, body);
      default -> throw new AwsServiceException("EKS", method + " " + uri.getRawPath(), "UnknownOperationException",
          404, "No operation matches " + method + " " + uri.getRawPath());
    };
  }

  /**
   * EKS Auth's {@code AssumeRoleForPodIdentity} (REST-JSON, signed for {@code eks-auth}): the session, and what EKS
   * Auth read of the token (its service account) and which association it used.
   */
  private AwsAnswer assumeRoleForPodIdentity(String cluster, String body) {
    String token = field(body, "token", "AssumeRoleForPodIdentity");
    AssumedRole session = aws.assumeRoleForPodIdentity(cluster, token);
    String namespace = "";
    String serviceAccount = "";
    try {
      String[] sub = String.valueOf(JWTParser.parse(token).getJWTClaimsSet().getSubject()).split(":");
      namespace = sub.length == 4 ? sub[2] : "";
      serviceAccount = sub.length == 4 ? sub[3] : "";
    } catch (ParseException e) {
      // EKS Auth accepted it, so it parses.
    }
    ObjectNode out = JSON.createObjectNode();
    out.putObject("subject").put("namespace", namespace).put("serviceAccount", serviceAccount);
    out.put("audience", "pods.eks.amazonaws.com");
    Optional<Association> association = aws.associationFor(cluster, namespace, serviceAccount);
    out.putObject("podIdentityAssociation")
        .put("associationArn", association.map(Association::associationArn).orElse(""))
        .put("associationId", association.map(Association::associationId).orElse(""));
    String arn = session.assumedRoleArn();
    out.putObject("assumedRoleUser").put("arn", arn)
        .put("assumeRoleId", "AROA" + Integer.toHexString(session.roleName().hashCode()).toUpperCase() + ":"
            + arn.substring(arn.lastIndexOf('/') + 1));
    out.putObject("credentials")
        .put("sessionToken", session.credentials().sessionToken())
        .put("secretAccessKey", session.credentials().secretAccessKey())
        .put("accessKeyId", session.credentials().accessKeyId())
        .put("expiration", Instant.now().plus(6, ChronoUnit.HOURS).getEpochSecond());
    return AwsAnswer.json(200, out.toString());
  }

  /** The path with its names and ids as {@code *}: {@code /clusters/c/addons/a} is {@code /clusters/*}{@code /addons/*}. */
  private static String route(List<String> path) {
    StringBuilder route = new StringBuilder();
    for (int i = 0; i < path.size(); i++) {
      route.append('/').append(i % 2 == 1 ? "*" : path.get(i));
    }
    return route.toString();
  }

  /** EKS's error answer: the code in {@code x-amzn-ErrorType}, the message in the body. */
  static AwsAnswer error(AwsServiceException e) {
    ObjectNode body = JSON.createObjectNode().put("message", QueryXml.messageOf(e));
    return AwsAnswer.json(e.statusCode(), body.toString()).withHeader("x-amzn-ErrorType", e.errorCode());
  }

  /**
   * One page of {@code ListPodIdentityAssociations}. The fake filters by namespace itself, and by service account
   * here, within the page: a page may then hold fewer than {@code maxResults}, as EKS's pages may, and its token still
   * leads to the rest.
   */
  private AwsAnswer list(String cluster, Map<String, String> query) {
    int max = maxResults(query, "ListPodIdentityAssociations");
    AssociationPage page = aws.listPodIdentityAssociations(cluster, query.get("namespace"), query.get("nextToken"), max);
    String serviceAccount = query.get("serviceAccount");
    ObjectNode out = JSON.createObjectNode();
    var items = out.putArray("associations");
    for (AssociationSummary s : page.items()) {
      if (serviceAccount != null && !serviceAccount.equals(s.serviceAccount())) {
        continue;
      }
      items.addObject().put("clusterName", s.clusterName()).put("namespace", s.namespace())
          .put("serviceAccount", s.serviceAccount()).put("associationArn", s.associationArn())
          .put("associationId", s.associationId());
    }
    page.nextToken().ifPresent(t -> out.put("nextToken", t));
    return AwsAnswer.json(200, out.toString());
  }

  /** A page of names ({@code ListClusters}, {@code ListAddons}): the token is the index where the next page starts. */
  private static NamePage page(List<String> names, Map<String, String> query, String operation) {
    int max = maxResults(query, operation);
    int from = 0;
    String token = query.get("nextToken");
    if (token != null) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("EKS", operation, "InvalidParameterException", 400,
            "The nextToken " + token + " is not valid.");
      }
    }
    int to = Math.min(names.size(), from + max);
    Optional<String> next = to < names.size()
        ? Optional.of(Base64.getUrlEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)))
        : Optional.empty();
    return new NamePage(names.subList(Math.min(from, to), to), next);
  }

  private record NamePage(List<String> names, Optional<String> nextToken) {}

  private static AwsAnswer names(String field, NamePage page) {
    ObjectNode out = JSON.createObjectNode();
    var items = out.putArray(field);
    page.names().forEach(items::add);
    page.nextToken().ifPresent(t -> out.put("nextToken", t));
    return AwsAnswer.json(200, out.toString());
  }

  /** {@code maxResults}: 1 to 100 (EKS's list calls), 100 when not given. */
  private static int maxResults(Map<String, String> query, String operation) {
    String value = query.get("maxResults");
    if (value == null) {
      return DEFAULT_MAX_RESULTS;
    }
    int max;
    try {
      max = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      max = 0;
    }
    if (max < 1 || max > 100) {
      throw new InvalidParameterException("EKS", operation, "InvalidParameterException", 400,
          "maxResults must be between 1 and 100");
    }
    return max;
  }

  /** EKS answers a delete with the association it deleted; the fake reads it first without logging a call. */
  private AwsAnswer delete(String cluster, String associationId) {
    Optional<Association> before;
    try {
      before = aws.associations(cluster).stream().filter(a -> a.associationId().equals(associationId)).findFirst();
    } catch (AwsServiceException e) {
      before = Optional.empty(); // the delete call below answers the error, and is logged as a call
    }
    aws.deletePodIdentityAssociation(cluster, associationId);
    return ok("association", association(before.orElseThrow()));
  }

  private ObjectNode addon(String cluster, String name) {
    AddonInfo a = aws.findAddon(cluster, name).orElseThrow(() -> new NoSuchEntityException("EKS", "DescribeAddon",
        "ResourceNotFoundException", 404, "No addon: " + name + " found in cluster: " + cluster));
    return JSON.createObjectNode().put("addonName", a.name()).put("clusterName", cluster).put("status", a.status())
        .put("addonVersion", a.version());
  }

  /** EKS answers a new add-on while it is still being installed. */
  private AwsAnswer createAddon(String cluster, String name) {
    aws.createAddon(cluster, name);
    return ok("addon", JSON.createObjectNode().put("addonName", name).put("clusterName", cluster)
        .put("status", "CREATING"));
  }

  private static ObjectNode cluster(ClusterInfo c) {
    ObjectNode node = JSON.createObjectNode().put("name", c.name()).put("arn", c.arn()).put("status", c.status());
    c.oidcIssuer().ifPresent(issuer -> node.putObject("identity").putObject("oidc").put("issuer", issuer));
    return node;
  }

  private static ObjectNode association(Association a) {
    ObjectNode node = JSON.createObjectNode().put("clusterName", a.clusterName()).put("namespace", a.namespace())
        .put("serviceAccount", a.serviceAccount()).put("roleArn", a.roleArn())
        .put("associationArn", a.associationArn()).put("associationId", a.associationId());
    ObjectNode tags = node.putObject("tags");
    a.tags().forEach(tags::put);
    return node;
  }

  private static AwsAnswer ok(String name, ObjectNode value) {
    ObjectNode out = JSON.createObjectNode();
    out.set(name, value);
    return AwsAnswer.json(200, out.toString());
  }

  private static String field(String body, String name, String operation) {
    JsonNode value = parse(body, operation).get(name);
    if (value == null || !value.isTextual()) {
      throw new InvalidParameterException("EKS", operation, "InvalidParameterException", 400,
          name + " is required");
    }
    return value.asText();
  }

  private static Map<String, String> tags(String body) {
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode node = parse(body, "CreatePodIdentityAssociation").get("tags");
    if (node != null) {
      node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    }
    return tags;
  }

  private static JsonNode parse(String body, String operation) {
    JsonNode node;
    try {
      node = JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new AwsServiceException("EKS", operation, "SerializationException", 400, "The request body is not JSON.");
    }
    return node;
  }

  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }
}
