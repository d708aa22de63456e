package dev.billingidentity.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.IrsaSettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.validation.Problems;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code policies}: prints the permission policy and the trust policy the library would write for the inputs, with
 * the trust policy's size against the quota. No I/O, so the account (and for IRSA the issuer and the host
 * namespaces) must be given.
 */
@Command(name = "policies", description = "Print the S3 permission policy and the trust policy (no I/O).")
final class PoliciesCommand implements Callable<Integer> {
  @Mixin IdentityOptions identity;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Problems p = new Problems();
    IdentitySettings settings = identity.settings(p);
    p.require(identity.accountId != null, "--account-id", null, "is required: policies makes no call to STS");
    ControlPlanes controlPlanes = null;
    if (settings instanceof IrsaSettings) {
      p.require(identity.oidcIssuer != null, "--oidc-issuer", null, "is required for IRSA: policies makes no call to EKS");
      p.require(!identity.discover, "--discover", true, "policies makes no call to the cluster: give --control-plane NS");
      controlPlanes = identity.discover ? null : identity.controlPlanes(p);
    }
    InvalidInput.check(p);
    AwsAccount account = settings.account().orElseThrow();
    PolicyDocument permission = BillingPolicies.s3Access(settings.storage());
    PolicyDocument trust;
    if (settings instanceof IrsaSettings irsa) {
      List<String> subjects = controlPlanes.explicitHostNamespaces().stream()
          .map(ns -> BillingPolicies.subject(ns, irsa.serviceAccount())).toList();
      trust = PolicyDocument.of(irsa.allowHostNamespacePattern()
          ? BillingPolicies.irsaHostNamespacePatternStatement(account, irsa.oidcIssuer().orElseThrow())
          : BillingPolicies.irsaStatement(account, irsa.oidcIssuer().orElseThrow(), subjects));
    } else {
      String clusterArn = "arn:" + account.partition().id() + ":eks:" + settings.storage().region() + ":"
          + account.id() + ":cluster/" + settings.cluster();
      trust = PolicyDocument.of(BillingPolicies.podIdentityStatement(account, clusterArn));
    }
    int quota = settings.trustPolicyQuota();
    var out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectNode node = ChangeJson.MAPPER.createObjectNode();
      node.set("permissionPolicy", permission.toJsonNode());
      node.set("trustPolicy", trust.toJsonNode());
      node.put("trustPolicySize", trust.size());
      node.put("trustPolicyQuota", quota);
      out.println(node.toPrettyString());
    } else {
      out.println("# permission policy (inline policy " + settings.permissionPolicyName() + ")");
      out.println(permission.toPrettyJson());
      out.println("# trust policy: " + trust.size() + " of " + quota + " characters");
      out.println(trust.toPrettyJson());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
