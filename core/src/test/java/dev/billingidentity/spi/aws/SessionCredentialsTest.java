package dev.billingidentity.spi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionCredentialsTest {
  @Test
  void toStringShowsNoneOfTheThreeValues() {
    SessionCredentials session = new SessionCredentials("ASIAEXAMPLEEXAMPLE00", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
        "IQoJb3JpZ2luX2VjEXAMPLETOKEN");

    assertThat(session.toString()).doesNotContain("ASIAEXAMPLEEXAMPLE00").doesNotContain("wJalrXUtnFEMI")
        .doesNotContain("IQoJb3JpZ2luX2Vj").contains("redacted");
  }
}
