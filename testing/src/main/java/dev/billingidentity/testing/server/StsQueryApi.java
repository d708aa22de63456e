package dev.billingidentity.testing.server;

import static dev.billingidentity.testing.server.QueryXml.element;

import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.CallerIdentity;
import dev.billingidentity.testing.aws.InMemoryAws;

/** STS's Query API (version 2011-06-15) over an {@link InMemoryAws}: {@code GetCallerIdentity}. */
final class StsQueryApi {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final InMemoryAws aws;

  StsQueryApi(InMemoryAws aws) {
    this.aws = aws;
  }

  AwsAnswer answer(QueryRequest q) {
    if (!"GetCallerIdentity".equals(q.action())) {
      throw new AwsServiceException("STS", String.valueOf(q.action()), "InvalidAction", 400,
          "The action or operation requested is invalid. Verify that the action is typed correctly.");
    }
    CallerIdentity me = aws.callerIdentity();
    return QueryXml.response(NAMESPACE, "GetCallerIdentity",
        element("Arn", me.arn()) + element("UserId", me.userId()) + element("Account", me.account()));
  }
}
