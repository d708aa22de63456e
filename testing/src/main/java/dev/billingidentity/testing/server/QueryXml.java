package dev.billingidentity.testing.server;

import dev.billingidentity.spi.aws.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The XML of Query-protocol answers: {@code <ActionResponse>} with its result, and {@code <ErrorResponse>}. */
final class QueryXml {
  private QueryXml() {}

  /** {@code <ActionResponse xmlns><ActionResult>result</ActionResult><ResponseMetadata/></ActionResponse>}. */
  static AwsAnswer response(String namespace, String action, String result) {
    return AwsAnswer.xml(200, "<" + action + "Response xmlns=\"" + namespace + "\">"
        + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
        + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
        + "</" + action + "Response>");
  }

  /** AWS's error answer: the status of the error, {@code Sender} for the caller's faults, {@code Receiver} for AWS's. */
  static AwsAnswer error(String namespace, AwsServiceException e) {
    return AwsAnswer.xml(e.statusCode(), "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>"
        + (e.statusCode() >= 500 ? "Receiver" : "Sender") + "</Type>" + element("Code", e.errorCode())
        + element("Message", messageOf(e)) + "</Error><RequestId>" + UUID.randomUUID() + "</RequestId>"
        + "</ErrorResponse>");
  }

  /** {@code <name>text</name>}, escaped; nothing for null. */
  static String element(String name, String text) {
    return text == null ? "" : "<" + name + ">" + escape(text) + "</" + name + ">";
  }

  /** {@code <name><member>a</member>...</name>}. */
  static String members(String name, List<String> values) {
    StringBuilder out = new StringBuilder("<").append(name).append('>');
    values.forEach(v -> out.append(element("member", v)));
    return out.append("</").append(name).append('>').toString();
  }

  /** {@code <Tags><member><Key/><Value/></member>...</Tags>}; nothing when there are none, as IAM does. */
  static String tags(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<Tags>");
    tags.forEach((k, v) -> out.append("<member>").append(element("Key", k)).append(element("Value", v))
        .append("</member>"));
    return out.append("</Tags>").toString();
  }

  /** AWS's own message: the exception's message without the library's "service operation failed: ..." prefix. */
  static String messageOf(AwsServiceException e) {
    String prefix = e.service() + " " + e.operation() + " failed: " + e.errorCode() + " (HTTP " + e.statusCode() + "): ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** {@code text} with XML's special characters escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
