package dev.billingidentity.irsa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.OidcIssuer;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.plan.NamedList;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.role.TrustEdit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Adds and removes exact subjects in the library's IRSA statement, whatever else the statement holds when applied:
 * the subjects another applier added in the meantime stay. Existing subjects keep their order and new ones go last
 * (sorted), so that a plan's diff is as small as the change. With the host-namespace pattern opted in, the pattern
 * statement is written too. Every statement that is not the library's IRSA statement is kept as it is.
 *
 * @param account the account of the OIDC provider
 * @param issuer the cluster's issuer
 * @param add subjects to add
 * @param remove subjects to remove (control planes that are gone)
 * @param hostNamespacePattern whether the opt-in pattern statement is wanted
 */
public record IrsaSubjectsEdit(
    AwsAccount account, OidcIssuer issuer, SortedSet<String> add, SortedSet<String> remove,
    boolean hostNamespacePattern) implements TrustEdit {

  /** Copies the subjects to add and to remove, sorted. */
  public IrsaSubjectsEdit {
    add = new TreeSet<>(add);
    remove = new TreeSet<>(remove);
  }

  @Override
  public PolicyDocument applyTo(PolicyDocument current) {
    Set<String> subjects = new LinkedHashSet<>(BillingPolicies.irsaSubjects(current, issuer));
    subjects.addAll(add);
    subjects.removeAll(remove);
    List<Statement> owned = new ArrayList<>();
    if (!subjects.isEmpty()) {
      owned.add(BillingPolicies.irsaStatement(account, issuer, List.copyOf(subjects)));
    }
    if (hostNamespacePattern) {
      owned.add(BillingPolicies.irsaHostNamespacePatternStatement(account, issuer));
    }
    return current.withOwnedStatements(BillingPolicies.IRSA_SID, owned);
  }

  /**
   * What the edit does, naming the subjects: {@code add 2 subjects: <a>, <b>; remove 1 subject: <c>}. One line, so
   * that it reads in a plan, a progress line and an error; a list longer than {@value NamedList#NAMED} names its first
   * {@value NamedList#NAMED} subjects (sorted) and counts the rest ({@code and 15 more}). The JSON ({@link #toJson()}) has
   * every subject.
   */
  @Override
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!add.isEmpty()) {
      parts.add("add " + named(add));
    }
    if (!remove.isEmpty()) {
      parts.add("remove " + named(remove));
    }
    if (hostNamespacePattern) {
      parts.add("trust the host-namespace pattern (opted in)");
    }
    return parts.isEmpty() ? "rewrite the IRSA statement" : String.join("; ", parts);
  }

  private static String named(SortedSet<String> subjects) {
    return subjects.size() + (subjects.size() == 1 ? " subject: " : " subjects: ") + NamedList.of(subjects);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.MAPPER.createObjectNode();
    node.put("edit", "irsaSubjects");
    node.put("oidcProvider", issuer.providerArn(account));
    add.forEach(node.putArray("add")::add);
    remove.forEach(node.putArray("remove")::add);
    node.put("hostNamespacePattern", hostNamespacePattern);
    return node;
  }
}
