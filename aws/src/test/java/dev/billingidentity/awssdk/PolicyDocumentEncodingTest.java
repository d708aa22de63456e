package dev.billingidentity.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyDocumentEncodingTest {
  @Test
  void percentEscapesBecomeUtf8AndAPlusStaysAPlus() {
    String encoded = "%7B%22a%22%3A%22x+y%20z%2Bw%2F%C3%A9%E2%82%AC%22%7D";

    assertThat(PolicyDocumentEncoding.decode(encoded)).isEqualTo("{\"a\":\"x+y z+w/é€\"}");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).as("what the form decoder would have made of it")
        .isEqualTo("{\"a\":\"x y z+w/é€\"}");
  }

  @Test
  void plainJsonIsLeftAlone() {
    String json = " {\"Condition\":{\"StringLike\":{\"s3:prefix\":\"100%25\"}}}";

    assertThat(PolicyDocumentEncoding.decode(json)).isSameAs(json);
  }

  @Test
  void aBrokenEscapeIsRefused() {
    assertThatThrownBy(() -> PolicyDocumentEncoding.decode("%7B%2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 3");
    assertThatThrownBy(() -> PolicyDocumentEncoding.decode("%7B%G1")).isInstanceOf(IllegalArgumentException.class);
  }
}
