package dev.billingidentity.awssdk;

import static dev.billingidentity.awssdk.AwsWire.STS_NS;
import static dev.billingidentity.awssdk.AwsWire.action;
import static dev.billingidentity.awssdk.AwsWire.form;
import static dev.billingidentity.awssdk.AwsWire.onlyRequest;
import static dev.billingidentity.awssdk.AwsWire.queryResponse;
import static dev.billingidentity.awssdk.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.billingidentity.aws.Partition;
import dev.billingidentity.spi.aws.CallerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** STS {@code GetCallerIdentity} on the wire. */
class StsWireTest {
  @RegisterExtension
  static final WireMockExtension server = AwsWire.server();

  @Test
  void getCallerIdentityGivesTheAccountArnAndUserId() {
    server.stubFor(action("GetCallerIdentity").willReturn(xml(200, queryResponse(STS_NS, "GetCallerIdentity",
        "<Arn>arn:aws-us-gov:iam::123456789012:user/platform-admin</Arn><UserId>AIDAFAKEPLATFORMADMIN</UserId>"
            + "<Account>123456789012</Account>"))));

    CallerIdentity me;
    try (AwsAdapters aws = AwsWire.adapters(server).build()) {
      me = aws.backend().sts().callerIdentity();
    }

    assertThat(form(onlyRequest(server))).containsOnly(
        entry("Action", "GetCallerIdentity"), entry("Version", "2011-06-15"));
    assertThat(me).isEqualTo(new CallerIdentity("123456789012", "arn:aws-us-gov:iam::123456789012:user/platform-admin",
        "AIDAFAKEPLATFORMADMIN"));
    assertThat(me.awsAccount().partition()).isEqualTo(Partition.AWS_US_GOV);
  }
}
