package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.AccessDeniedException;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.EntityAlreadyExistsException;
import dev.billingidentity.spi.aws.InvalidParameterException;
import dev.billingidentity.spi.aws.InvalidTokenException;
import dev.billingidentity.spi.aws.LimitExceededException;
import dev.billingidentity.spi.aws.MalformedPolicyDocumentException;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.ResourceInUseException;
import dev.billingidentity.spi.aws.ThrottlingException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns the SDK's exceptions into the library's {@link AwsServiceException} family, so that code written against the
 * ports sees the same types from the SDK adapters as from the in-memory fakes. The SDK has retried what it retries
 * before an exception reaches here.
 */
final class AwsErrors {
  /** The status of a failure that got no HTTP answer (connection refused or reset, timeout, no credentials). */
  private static final int NO_ANSWER = 0;

  private AwsErrors() {}

  /** Runs one SDK call of {@code service}'s {@code operation}, translating what it throws. */
  static <T> T call(String service, String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(service, operation, e);
    }
  }

  /** The library's exception for an SDK exception thrown by {@code service}'s {@code operation}. */
  private static AwsServiceException translate(String service, String operation, SdkException e) {
    if (e instanceof SdkServiceException answered) {
      String code = "Unknown";
      String message = e.getMessage();
      if (answered instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
          && aws.awsErrorDetails() != null) {
        AwsErrorDetails details = aws.awsErrorDetails();
        code = details.errorCode() == null ? code : details.errorCode();
        // AWS's own message, without the SDK's "(Service: ..., Request ID: ...)" suffix.
        message = details.errorMessage() == null ? message : details.errorMessage();
      }
      return typed(service, operation, code, answered.statusCode(), message, answered.isThrottlingException(), e);
    }
    // No answer from AWS at all: the error code names what failed on this side, e.g. ApiCallAttemptTimeoutException.
    return new AwsServiceException(service, operation, e.getClass().getSimpleName(), NO_ANSWER, e.getMessage(), e);
  }

  /** The library's exception for an error AWS answered with {@code code} and {@code status}. */
  static AwsServiceException typed(
      String service, String operation, String code, int status, String message, boolean throttling, Throwable cause) {
    return switch (code) {
      case "NoSuchEntity", "ResourceNotFoundException", "NoSuchBucket" ->
          new NoSuchEntityException(service, operation, code, status, message, cause);
      case "EntityAlreadyExists" -> new EntityAlreadyExistsException(service, operation, code, status, message, cause);
      // IAM says LimitExceeded; EKS says ResourceLimitExceededException (e.g. 5,000 associations per cluster).
      case "LimitExceeded", "ResourceLimitExceededException" ->
          new LimitExceededException(service, operation, code, status, message, cause);
      case "MalformedPolicyDocument" ->
          new MalformedPolicyDocumentException(service, operation, code, status, message, cause);
      case "ResourceInUseException" -> new ResourceInUseException(service, operation, code, status, message, cause);
      case "InvalidParameterException", "InvalidInput", "ValidationError" ->
          new InvalidParameterException(service, operation, code, status, message, cause);
      // STS refuses a web identity token, or EKS Auth a service account's token, before looking at the role.
      case "InvalidIdentityToken", "IDPRejectedClaim", "ExpiredTokenException", "InvalidTokenException" ->
          new InvalidTokenException(service, operation, code, status, message, cause);
      case "AccessDenied", "AccessDeniedException" ->
          new AccessDeniedException(service, operation, code, status, message, cause);
      // The SDK knows every throttling code (Throttling, TooManyRequestsException, ...) and HTTP 429.
      default -> throttling
          ? new ThrottlingException(service, operation, code, status, message, cause)
          : new AwsServiceException(service, operation, code, status, message, cause);
    };
  }
}
