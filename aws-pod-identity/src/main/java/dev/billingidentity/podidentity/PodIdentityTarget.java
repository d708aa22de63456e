package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.IdentitySettings;
import dev.billingidentity.PodIdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.policy.BillingPolicies;
import dev.billingidentity.policy.PolicyDocument;
import dev.billingidentity.policy.Statement;
import dev.billingidentity.role.Ownership;
import dev.billingidentity.role.ReplaceOwnedStatements;
import dev.billingidentity.spi.StrategyContext;
import dev.billingidentity.spi.aws.EksPort;
import java.util.List;
import java.util.Map;

/**
 * The resolved names of one Pod Identity operation: the settings, the account (settings or STS), the cluster's ARN
 * (EKS {@code DescribeCluster}: the trust is narrowed to it) and the role's ARN.
 *
 * @param settings the Pod Identity settings
 * @param account the account of the role and the cluster
 * @param clusterArn the EKS cluster's ARN, {@code aws:SourceArn} of the trust
 * @param roleArn the billing role's ARN, which every association names
 */
record PodIdentityTarget(PodIdentitySettings settings, AwsAccount account, String clusterArn, String roleArn) {

  /**
   * Resolves the target of {@code context}: one {@code DescribeCluster}, and STS when the account is not given; once
   * per operation (the verification after an apply gets the plan's). A cluster's ARN is made of its region, account
   * and name, so no change during the apply can make the plan's answer wrong.
   */
  static PodIdentityTarget resolve(StrategyContext context, EksPort eks) {
    return context.state(PodIdentityTarget.class, () -> resolveNow(context, eks));
  }

  private static PodIdentityTarget resolveNow(StrategyContext context, EksPort eks) {
    PodIdentitySettings settings = settingsOf(context.settings());
    AwsAccount account = context.account();
    String clusterArn = eks.describeCluster(settings.cluster()).arn();
    return new PodIdentityTarget(settings, account, clusterArn, settings.role().arn(account));
  }

  /** The settings as Pod Identity settings; any other mode's settings are a programming error. */
  static PodIdentitySettings settingsOf(IdentitySettings settings) {
    if (settings instanceof PodIdentitySettings p) {
      return p;
    }
    throw new BillingIdentityException("the Pod Identity strategy needs PodIdentitySettings, got "
        + settings.mode().displayName() + " settings");
  }

  String cluster() {
    return settings.cluster();
  }

  String serviceAccount() {
    return settings.serviceAccount();
  }

  /** The library's Pod Identity trust statement, narrowed to the account and the cluster. */
  Statement trustStatement() {
    return BillingPolicies.podIdentityStatement(account, clusterArn);
  }

  /** The trust edit that puts exactly the library's Pod Identity statement in the trust, and touches nothing else. */
  ReplaceOwnedStatements trustEdit() {
    return new ReplaceOwnedStatements(BillingPolicies.POD_IDENTITY_SID, List.of(trustStatement()));
  }

  /** Whether {@code trust} holds the library's Pod Identity statement for this account and cluster, as it should be. */
  boolean trustedBy(PolicyDocument trust) {
    List<Statement> owned = trust.statementsWithSidPrefix(BillingPolicies.POD_IDENTITY_SID);
    return !owned.isEmpty() && PolicyDocument.of(owned).isEquivalentTo(PolicyDocument.of(trustStatement()));
  }

  /** The tags of what the library creates for this cluster (the role, the associations). */
  Map<String, String> tags() {
    return Ownership.tags(settings.cluster());
  }
}
