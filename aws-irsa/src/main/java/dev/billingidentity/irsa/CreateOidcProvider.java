package dev.billingidentity.irsa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.plan.ApplyContext;
import dev.billingidentity.plan.Change;
import dev.billingidentity.plan.ChangeJson;
import dev.billingidentity.spi.aws.EntityAlreadyExistsException;
import dev.billingidentity.spi.aws.NewOidcProvider;

/**
 * Creates the cluster's IAM OIDC provider (what {@code eksctl utils associate-iam-oidc-provider} does), with client
 * id {@code sts.amazonaws.com} and, unless the caller gave some, no thumbprint: IAM fetches the issuer's top
 * intermediate CA itself. A provider that exists already counts as done.
 */
public record CreateOidcProvider(NewOidcProvider provider) implements Change {
  @Override
  public String kind() {
    return "CreateOidcProvider";
  }

  @Override
  public String describe() {
    return "+ create IAM OIDC provider " + provider.issuerUrl() + " (client id " + provider.clientIds() + ")";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = ChangeJson.of(this);
    node.put("url", provider.issuerUrl());
    provider.clientIds().forEach(node.putArray("clientIds")::add);
    provider.thumbprints().forEach(node.putArray("thumbprints")::add);
    node.set("tags", ChangeJson.MAPPER.valueToTree(provider.tags()));
    return node;
  }

  @Override
  public void apply(ApplyContext context) {
    try {
      context.retry().call("CreateOpenIDConnectProvider", () -> context.aws().iam().createOidcProvider(provider));
    } catch (EntityAlreadyExistsException e) {
      // Created in the meantime (a concurrent applier, or eksctl): that is what we wanted.
    }
  }
}
