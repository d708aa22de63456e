package dev.billingidentity.awssdk;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Builds the adapters twice and exits: run by {@link CredentialLoggersTest} in a JVM whose loggers it chooses. */
public final class CredentialLoggersProbe {
  private CredentialLoggersProbe() {}

  public static void main(String[] args) {
    for (int i = 0; i < 2; i++) {
      AwsAdapters.builder().region("us-east-1")
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake")))
          .build().close();
    }
  }
}
