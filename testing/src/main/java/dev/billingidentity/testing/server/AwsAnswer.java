package dev.billingidentity.testing.server;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One HTTP answer of the fake: status, content type, extra headers and body. */
record AwsAnswer(int status, String contentType, Map<String, String> headers, String body) {
  AwsAnswer {
    headers = Map.copyOf(headers);
  }

  static AwsAnswer xml(int status, String body) {
    return new AwsAnswer(status, "text/xml", Map.of(), body);
  }

  static AwsAnswer json(int status, String body) {
    return new AwsAnswer(status, "application/json", Map.of(), body);
  }

  AwsAnswer withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new AwsAnswer(status, contentType, more, body);
  }

  ResponseDefinition toResponseDefinition() {
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(body);
    headers.forEach(b::withHeader);
    return b.build();
  }
}
