package dev.billingidentity.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.testing.aws.iam.RequestContext;
import dev.billingidentity.testing.aws.iam.TrustRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * How IAM decides whether a role's trust policy lets a principal assume the role: a table of cases (trusts, subjects,
 * audiences, foreign statements, {@code Deny}), each citing the page of IAM's (or EKS's) documentation its rule comes
 * from. Extend it with what decides: the evaluator itself, or a fake that decides by it (the fake STS, for the
 * web-identity cases it can be asked: {@link #canAsk(TrustRequest)}).
 *
 * <p>The pages cited (AWS documentation, IAM User Guide unless said otherwise):
 * <ul>
 *   <li>{@value #OPERATORS}</li>
 *   <li>{@value #MULTIPLE}</li>
 *   <li>{@value #SINGLE_VS_MULTI}</li>
 *   <li>{@value #EVALUATION}</li>
 *   <li>{@value #CONDITION}, {@value #PRINCIPAL}, {@value #ACTION}, {@value #NOT_ACTION}</li>
 *   <li>{@value #OIDC_KEYS}, {@value #GLOBAL_KEYS}, {@value #POD_IDENTITY}</li>
 * </ul>
 */
public abstract class TrustEvaluationContract {
  /** The condition operators' page. */
  public static final String OPERATORS = "IAM JSON policy elements: Condition operators "
      + "(reference_policies_elements_condition_operators.html)";
  /** The page on several keys and values. */
  public static final String MULTIPLE = "Creating a condition with multiple keys or values "
      + "(reference_policies_condition-logic-multiple-context-keys-or-values.html)";
  /** The page on single-valued and multivalued context keys, and the set operators. */
  public static final String SINGLE_VS_MULTI = "Single-valued vs. multivalued context keys "
      + "(reference_policies_condition-single-vs-multi-valued-context-keys.html)";
  /** The page on how allow and deny combine. */
  public static final String EVALUATION = "Policy evaluation logic (reference_policies_evaluation-logic.html)";
  /** The Condition element's page (key names are not case-sensitive). */
  public static final String CONDITION = "IAM JSON policy elements: Condition (reference_policies_elements_condition.html)";
  /** The Principal element's page. */
  public static final String PRINCIPAL = "IAM JSON policy elements: Principal (reference_policies_elements_principal.html)";
  /** The Action element's page (case-insensitive, wildcards). */
  public static final String ACTION = "IAM JSON policy elements: Action (reference_policies_elements_action.html)";
  /** The NotAction element's page. */
  public static final String NOT_ACTION = "IAM JSON policy elements: NotAction (reference_policies_elements_notaction.html)";
  /** The web identity federation keys ({@code <provider>:sub}, {@code :aud}, {@code :amr}). */
  public static final String OIDC_KEYS = "Available keys for AWS OIDC federation "
      + "(reference_policies_iam-condition-keys.html#condition-keys-wif)";
  /** The global keys ({@code aws:SourceArn}, {@code aws:RequestTag/...}, {@code aws:TagKeys}, ...). */
  public static final String GLOBAL_KEYS = "AWS global condition context keys (reference_policies_condition-keys.html)";
  /** EKS's page on the Pod Identity role's trust (EKS User Guide). */
  public static final String POD_IDENTITY = "EKS User Guide: Create the IAM role for EKS Pod Identity, confused deputy "
      + "(pod-id-role.html)";

  /** The account of the table's principals and resources. */
  public static final String ACCOUNT = "123456789012";
  /** The cluster's OIDC issuer, without {@code https://}: the prefix of the web identity keys. */
  public static final String ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
  /** The IAM OIDC provider of {@link #ISSUER}: the federated principal of the web-identity cases. */
  public static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER;
  /** The audiences the web-identity cases' tokens carry, all of them client ids of {@link #PROVIDER}. */
  public static final List<String> AUDIENCES = List.of("sts.amazonaws.com", "other-audience");
  /** The action of web identity federation. */
  public static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

  static final String NS1 = "mxp-11111111-1111-1111-1111-111111111111-system";
  static final String NS2 = "mxp-22222222-2222-2222-2222-222222222222-system";
  static final String CLUSTER_ARN = "arn:aws:eks:us-east-1:" + ACCOUNT + ":cluster/spaces-prod";
  static final String PODS = "pods.eks.amazonaws.com";
  static final String GITHUB = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
  static final String CI_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/ci";
  static final String OTHER_ROLE = "arn:aws:iam::111122223333:role/ci";

  /**
   * One row of the table.
   *
   * @param name what it shows, as the test's name
   * @param source the documentation page its rule comes from
   * @param trustJson the role's trust policy
   * @param request who asks, for what, with which context
   * @param allowed whether IAM lets it assume the role
   */
  public record TrustCase(String name, String source, String trustJson, TrustRequest request, boolean allowed) {
    public TrustCase {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Whether the role with {@code trustJson} may be assumed by {@code request}. */
  protected abstract boolean allows(String trustJson, TrustRequest request);

  /**
   * Whether the implementation can be asked {@code request} (a fake STS can ask only what a token can carry); every
   * request by default.
   */
  protected boolean canAsk(TrustRequest request) {
    return true;
  }

  @TestFactory
  Stream<DynamicTest> everyCaseDecidesAsIamDoes() {
    return cases().stream().filter(c -> canAsk(c.request())).map(c -> DynamicTest.dynamicTest(
        c.name() + " [" + c.source() + "]", () -> assertThat(allows(c.trustJson(), c.request()))
            .as("%s%n  trust %s%n  request %s", c.name(), c.trustJson(), c.request())
            .isEqualTo(c.allowed())));
  }

  @Test
  void theTableHoldsAtLeastFortyCasesEachCitingItsSource() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases()).allSatisfy(c -> assertThat(c.source()).endsWith(")").contains(".html"));
    assertThat(cases().stream().map(TrustCase::name).distinct().count()).isEqualTo(cases().size());
  }

  // ---------------------------------------------------------------- the table

  /** The table: every case, in the order of the rules. */
  public static List<TrustCase> cases() {
    List<TrustCase> t = new ArrayList<>();
    String exact = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS1) + "\",\"" + ISSUER + ":aud\":\"sts.amazonaws.com\"}"));
    t.add(web("the library's exact subject and audience are allowed", OIDC_KEYS, exact, NS1, "sts.amazonaws.com",
        true));
    t.add(web("another host namespace's vector is refused", OIDC_KEYS, exact, NS2, "sts.amazonaws.com", false));
    t.add(web("the right subject with another audience is refused: keys of one operator are ANDed", MULTIPLE, exact,
        NS1, "other-audience", false));
    String compact = trust(allow(federated(PROVIDER), WEB_IDENTITY, "\"StringEquals\":{\"" + ISSUER + ":sub\":[\""
        + sub(NS2) + "\",\"" + sub(NS1) + "\"]}"));
    t.add(web("any value of a key's list matches: values are ORed", MULTIPLE, compact, NS1, "sts.amazonaws.com", true));
    t.add(web("a subject the list does not hold is refused", MULTIPLE, trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringEquals\":{\"" + ISSUER + ":sub\":[\"" + sub(NS2) + "\"]}")), NS1, "sts.amazonaws.com", false));
    String pattern = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringLike\":{\"" + ISSUER + ":sub\":\"system:serviceaccount:mxp-*-system:vector\"}"));
    t.add(web("StringLike's * matches any run of characters", OPERATORS, pattern, NS1, "sts.amazonaws.com", true));
    t.add(web("StringLike's pattern does not match a namespace outside it", OPERATORS, pattern, "kube-system",
        "sts.amazonaws.com", false));
    String single = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringLike\":{\"" + ISSUER + ":sub\":\"system:serviceaccount:team-?:vector\"}"));
    t.add(web("StringLike's ? matches exactly one character", OPERATORS, single, "team-a", "sts.amazonaws.com", true));
    t.add(web("StringLike's ? does not match two characters", OPERATORS, single, "team-ab", "sts.amazonaws.com",
        false));
    t.add(web("StringEquals takes * literally", OPERATORS, trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringEquals\":{\"" + ISSUER + ":sub\":\"system:serviceaccount:mxp-*-system:vector\"}")), NS1,
        "sts.amazonaws.com", false));
    t.add(web("StringEquals compares values case-sensitively", OPERATORS, trust(allow(federated(PROVIDER),
        WEB_IDENTITY, "\"StringEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS1).toUpperCase() + "\"}")), NS1,
        "sts.amazonaws.com", false));
    t.add(web("StringEqualsIgnoreCase ignores the values' case", OPERATORS, trust(allow(federated(PROVIDER),
        WEB_IDENTITY, "\"StringEqualsIgnoreCase\":{\"" + ISSUER + ":sub\":\"" + sub(NS1).toUpperCase() + "\"}")), NS1,
        "sts.amazonaws.com", true));
    t.add(web("condition key names are case-insensitive", CONDITION, trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringEquals\":{\"" + ISSUER.toUpperCase() + ":SUB\":\"" + sub(NS1) + "\"}")), NS1, "sts.amazonaws.com",
        true));
    String notEquals = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringNotEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS2) + "\"}"));
    t.add(web("StringNotEquals allows every other subject", OPERATORS, notEquals, NS1, "sts.amazonaws.com", true));
    t.add(web("StringNotEquals refuses the subject it names", OPERATORS, notEquals, NS2, "sts.amazonaws.com", false));
    t.add(web("StringNotLike on a key the token lacks holds", OPERATORS, trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringNotLike\":{\"" + ISSUER + ":amr\":\"unauthenticated\"}")), NS1, "sts.amazonaws.com", true));
    t.add(web("StringLike on a key the token lacks fails, even with *", OPERATORS, trust(allow(federated(PROVIDER),
        WEB_IDENTITY, "\"StringLike\":{\"" + ISSUER + ":amr\":\"*\"}")), NS1, "sts.amazonaws.com", false));
    String ifExists = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"StringEqualsIfExists\":{\"" + ISSUER + ":amr\":\"authenticated\"}"));
    t.add(web("...IfExists holds when the key is missing", OPERATORS, ifExists, NS1, "sts.amazonaws.com", true));
    t.add(web("...IfExists compares when the key is there", OPERATORS, ifExists, NS1, "sts.amazonaws.com", false,
        "unauthenticated"));
    t.add(web("Null true holds when the key is missing", OPERATORS, trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"Null\":{\"" + ISSUER + ":amr\":\"true\"}")), NS1, "sts.amazonaws.com", true));
    t.add(web("Null false fails when the key is missing", OPERATORS, trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"Null\":{\"" + ISSUER + ":amr\":\"false\"}")), NS1, "sts.amazonaws.com", false));
    String anyValue = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"ForAnyValue:StringEquals\":{\"" + ISSUER + ":amr\":\"mfa\"}"));
    t.add(web("ForAnyValue holds when one of the token's values matches", SINGLE_VS_MULTI, anyValue, NS1,
        "sts.amazonaws.com", true, "authenticated", "mfa"));
    t.add(web("ForAnyValue fails for a key the token lacks", SINGLE_VS_MULTI, anyValue, NS1, "sts.amazonaws.com",
        false));
    String allValues = trust(allow(federated(PROVIDER), WEB_IDENTITY,
        "\"ForAllValues:StringEquals\":{\"" + ISSUER + ":amr\":[\"authenticated\",\"mfa\"]}"));
    t.add(web("ForAllValues holds when every one of the token's values is listed", SINGLE_VS_MULTI, allValues, NS1,
        "sts.amazonaws.com", true, "mfa", "authenticated"));
    t.add(web("ForAllValues fails when one of the token's values is not listed", SINGLE_VS_MULTI, allValues, NS1,
        "sts.amazonaws.com", false, "authenticated", "unauthenticated"));
    t.add(web("ForAllValues holds for a key the token lacks", SINGLE_VS_MULTI, allValues, NS1, "sts.amazonaws.com",
        true));
    String denied = trust(allow(federated(PROVIDER), WEB_IDENTITY, null),
        statement("Deny", federated(PROVIDER), "\"" + WEB_IDENTITY + "\"",
            "\"StringEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS1) + "\"}"));
    t.add(web("an explicit Deny wins over an Allow", EVALUATION, denied, NS1, "sts.amazonaws.com", false));
    t.add(web("a Deny of another subject leaves the Allow in force", EVALUATION, denied, NS2, "sts.amazonaws.com",
        true));
    String githubOnly = trust(allow(federated(GITHUB), WEB_IDENTITY,
        "\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/*\"}"));
    t.add(web("a foreign statement for another provider does not trust this issuer: implicit deny", EVALUATION,
        githubOnly, NS1, "sts.amazonaws.com", false));
    t.add(web("the library's statement after a foreign one still allows", EVALUATION, trust(
        allow(federated(GITHUB), WEB_IDENTITY, null),
        allow(service("ec2.amazonaws.com"), "sts:AssumeRole", null),
        allow(federated(PROVIDER), WEB_IDENTITY, "\"StringEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS1) + "\"}")),
        NS1, "sts.amazonaws.com", true));
    t.add(web("a foreign service principal does not trust a federated one", PRINCIPAL, trust(allow(
        service("ec2.amazonaws.com"), "[\"sts:AssumeRole\",\"" + WEB_IDENTITY + "\"]", null)), NS1,
        "sts.amazonaws.com", false));
    t.add(web("Principal * trusts everyone, conditions still apply", PRINCIPAL, trust(allow("\"*\"", WEB_IDENTITY,
        "\"StringEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS1) + "\"}")), NS1, "sts.amazonaws.com", true));
    t.add(web("Principal AWS * is the same as *", PRINCIPAL, trust(allow("{\"AWS\":\"*\"}", WEB_IDENTITY,
        "\"StringEquals\":{\"" + ISSUER + ":sub\":\"" + sub(NS1) + "\"}")), NS1, "sts.amazonaws.com", true));
    t.add(web("a Federated list trusts each of its providers", PRINCIPAL, trust(allow(
        "{\"Federated\":[\"" + GITHUB + "\",\"" + PROVIDER + "\"]}", WEB_IDENTITY, null)), NS1, "sts.amazonaws.com",
        true));
    t.add(web("an action wildcard sts:AssumeRole* covers web identity", ACTION, trust(allow(federated(PROVIDER),
        "\"sts:AssumeRole*\"", null)), NS1, "sts.amazonaws.com", true));
    t.add(web("sts:AssumeRole alone does not allow web identity", ACTION, trust(allow(federated(PROVIDER),
        "\"sts:AssumeRole\"", null)), NS1, "sts.amazonaws.com", false));
    t.add(web("actions are case-insensitive", ACTION, trust(allow(federated(PROVIDER),
        "\"STS:assumerolewithwebidentity\"", null)), NS1, "sts.amazonaws.com", true));
    t.add(web("an action list allows each of its actions", ACTION, trust(allow(federated(PROVIDER),
        "[\"sts:TagSession\",\"" + WEB_IDENTITY + "\"]", null)), NS1, "sts.amazonaws.com", true));
    t.add(web("NotAction allows every action it does not list", NOT_ACTION, trust(notAction(federated(PROVIDER),
        "\"sts:AssumeRole\"")), NS1, "sts.amazonaws.com", true));
    t.add(web("NotAction does not allow an action it lists", NOT_ACTION, trust(notAction(federated(PROVIDER),
        "[\"sts:AssumeRole\",\"" + WEB_IDENTITY + "\"]")), NS1, "sts.amazonaws.com", false));
    t.add(web("an Allow without Condition trusts every subject of the provider", EVALUATION, trust(allow(
        federated(PROVIDER), WEB_IDENTITY, null)), "anyone", "other-audience", true));
    t.add(web("two operators in one Condition are ANDed: the failing one refuses", MULTIPLE, trust(allow(
        federated(PROVIDER), WEB_IDENTITY, "\"StringLike\":{\"" + ISSUER + ":sub\":\"system:serviceaccount:*\"},"
            + "\"StringEquals\":{\"" + ISSUER + ":aud\":\"sts.amazonaws.com\"}")), NS1, "other-audience", false));

    String pods = trust(allow(service(PODS), "[\"sts:AssumeRole\",\"sts:TagSession\"]",
        "\"StringEquals\":{\"aws:SourceAccount\":\"" + ACCOUNT + "\"},\"ArnEquals\":{\"aws:SourceArn\":\""
            + CLUSTER_ARN + "\"}"));
    t.add(pod("Pod Identity's trust allows EKS for its own account and cluster", POD_IDENTITY, pods, "sts:AssumeRole",
        podContext(ACCOUNT, CLUSTER_ARN, NS1), true));
    t.add(pod("Pod Identity's trust allows sts:TagSession with sts:AssumeRole", POD_IDENTITY, pods, "sts:TagSession",
        podContext(ACCOUNT, CLUSTER_ARN, NS1), true));
    t.add(pod("aws:SourceArn of another cluster is refused (confused deputy)", GLOBAL_KEYS, pods, "sts:AssumeRole",
        podContext(ACCOUNT, "arn:aws:eks:us-east-1:" + ACCOUNT + ":cluster/other", NS1), false));
    t.add(pod("aws:SourceAccount of another account is refused (confused deputy)", GLOBAL_KEYS, pods,
        "sts:AssumeRole", podContext("111122223333", CLUSTER_ARN, NS1), false));
    t.add(pod("ArnLike matches each part of the ARN with wildcards", OPERATORS, trust(allow(service(PODS),
        "\"sts:AssumeRole\"", "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:eks:*:" + ACCOUNT + ":cluster/*\"}")),
        "sts:AssumeRole", podContext(ACCOUNT, CLUSTER_ARN, NS1), true));
    t.add(pod("a trust of sts:AssumeRole only refuses sts:TagSession", POD_IDENTITY, trust(allow(service(PODS),
        "\"sts:AssumeRole\"", null)), "sts:TagSession", podContext(ACCOUNT, CLUSTER_ARN, NS1), false));
    String tagged = trust(allow(service(PODS), "[\"sts:AssumeRole\",\"sts:TagSession\"]",
        "\"StringEquals\":{\"aws:RequestTag/kubernetes-namespace\":\"" + NS1 + "\"}"));
    t.add(pod("aws:RequestTag/kubernetes-namespace narrows the trust to one namespace", POD_IDENTITY, tagged,
        "sts:AssumeRole", podContext(ACCOUNT, CLUSTER_ARN, NS1), true));
    t.add(pod("aws:RequestTag/kubernetes-namespace refuses another namespace", POD_IDENTITY, tagged, "sts:AssumeRole",
        podContext(ACCOUNT, CLUSTER_ARN, NS2), false));
    String tagKeys = trust(allow(service(PODS), "\"sts:TagSession\"", "\"ForAllValues:StringEquals\":{\"aws:TagKeys\":"
        + "[\"eks-cluster-arn\",\"eks-cluster-name\",\"kubernetes-namespace\",\"kubernetes-service-account\","
        + "\"kubernetes-pod-name\",\"kubernetes-pod-uid\"]}"));
    t.add(pod("ForAllValues on aws:TagKeys allows EKS's own session tags", SINGLE_VS_MULTI, tagKeys, "sts:TagSession",
        podContext(ACCOUNT, CLUSTER_ARN, NS1), true));
    t.add(pod("ForAllValues on aws:TagKeys refuses one tag more", SINGLE_VS_MULTI, tagKeys, "sts:TagSession",
        podContext(ACCOUNT, CLUSTER_ARN, NS1).with("aws:TagKeys", List.of("kubernetes-namespace", "cost-center")),
        false));

    String teamOnly = trust(allow("{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}", "\"sts:AssumeRole\"",
        "\"StringEquals\":{\"aws:PrincipalTag/team\":\"billing\"}"));
    t.add(aws("an account's root trusts its roles that carry the tag asked", PRINCIPAL, teamOnly, CI_ROLE,
        RequestContext.builder().put("aws:PrincipalTag/team", "billing").build(), true));
    t.add(aws("aws:PrincipalTag that the principal does not carry fails", GLOBAL_KEYS, teamOnly, CI_ROLE,
        RequestContext.empty(), false));
    t.add(aws("an account's root does not trust another account's role", PRINCIPAL, teamOnly, OTHER_ROLE,
        RequestContext.builder().put("aws:PrincipalTag/team", "billing").build(), false));
    t.add(aws("an account id trusts its roles as its root ARN does", PRINCIPAL, trust(allow("{\"AWS\":\"" + ACCOUNT
        + "\"}", "\"sts:AssumeRole\"", null)), CI_ROLE, RequestContext.empty(), true));
    String notPrincipal = trust(allow("\"*\"", "\"sts:AssumeRole\"", null), "{\"Effect\":\"Deny\",\"NotPrincipal\":"
        + "{\"AWS\":\"" + CI_ROLE + "\"},\"Action\":\"sts:AssumeRole\"}");
    t.add(aws("a Deny with NotPrincipal spares the principal it names", PRINCIPAL, notPrincipal, CI_ROLE,
        RequestContext.empty(), true));
    t.add(aws("a Deny with NotPrincipal refuses every other principal", PRINCIPAL, notPrincipal, OTHER_ROLE,
        RequestContext.empty(), false));
    t.add(aws("Bool compares true and false", OPERATORS, trust(allow("{\"AWS\":\"" + CI_ROLE + "\"}",
        "\"sts:AssumeRole\"", "\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}")), CI_ROLE,
        RequestContext.builder().put("aws:MultiFactorAuthPresent", "false").build(), false));
    return List.copyOf(t);
  }

  // ---------------------------------------------------------------- building the table

  /** {@code system:serviceaccount:<namespace>:vector}. */
  static String sub(String namespace) {
    return "system:serviceaccount:" + namespace + ":vector";
  }

  /** A web-identity case: a token of {@link #ISSUER} for vector in {@code namespace}, with an audience and amr. */
  private static TrustCase web(String name, String source, String trust, String namespace, String audience,
      boolean allowed, String... amr) {
    RequestContext.Builder context = RequestContext.builder()
        .put(ISSUER + ":sub", sub(namespace))
        .put(ISSUER + ":aud", audience);
    if (amr.length > 0) {
      context.put(ISSUER + ":amr", amr);
    }
    return new TrustCase(name, source, trust, TrustRequest.federated(PROVIDER, WEB_IDENTITY, context.build()),
        allowed);
  }

  private static TrustCase pod(String name, String source, String trust, String action, RequestContext context,
      boolean allowed) {
    return new TrustCase(name, source, trust, TrustRequest.service(PODS, action, context), allowed);
  }

  private static TrustCase aws(String name, String source, String trust, String arn, RequestContext context,
      boolean allowed) {
    return new TrustCase(name, source, trust, TrustRequest.aws(arn, "sts:AssumeRole", context), allowed);
  }

  /** What EKS Pod Identity puts in the request: the source account and cluster, and its session tags. */
  static RequestContext podContext(String account, String clusterArn, String namespace) {
    return RequestContext.builder()
        .put("aws:SourceAccount", account)
        .put("aws:SourceArn", clusterArn)
        .put("aws:RequestTag/eks-cluster-arn", clusterArn)
        .put("aws:RequestTag/kubernetes-namespace", namespace)
        .put("aws:RequestTag/kubernetes-service-account", "vector")
        .put("aws:TagKeys", "eks-cluster-arn", "kubernetes-namespace", "kubernetes-service-account")
        .build();
  }

  private static String trust(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  private static String allow(String principal, String actionJson, String conditionBody) {
    return statement("Allow", principal, actionJson.startsWith("\"") || actionJson.startsWith("[") ? actionJson
        : "\"" + actionJson + "\"", conditionBody);
  }

  private static String notAction(String principal, String notActionJson) {
    return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"NotAction\":" + notActionJson + "}";
  }

  private static String statement(String effect, String principal, String actionJson, String conditionBody) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":" + actionJson
        + (conditionBody == null ? "" : ",\"Condition\":{" + conditionBody + "}") + "}";
  }

  private static String federated(String arn) {
    return "{\"Federated\":\"" + arn + "\"}";
  }

  private static String service(String name) {
    return "{\"Service\":\"" + name + "\"}";
  }

  /** The table's names, one a line: for a person reading what the kit covers. */
  public static String describe() {
    return cases().stream().map(c -> (c.allowed() ? "allow " : "deny  ") + c.name() + " [" + c.source() + "]")
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
