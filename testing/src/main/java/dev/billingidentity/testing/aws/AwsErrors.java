package dev.billingidentity.testing.aws;

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
import dev.billingidentity.testing.fault.FaultAnswers;
import java.util.Set;

/**
 * The errors AWS answers, with AWS's codes, HTTP statuses and messages, as the library's typed exceptions: the same
 * types the SDK adapters translate AWS's answers into, so code tested here meets the same errors in production.
 */
final class AwsErrors {
  private AwsErrors() {}

  /** The services of the AWS fake, by the names of {@link AwsServiceException#service()}. */
  static final Set<String> SERVICES = Set.of("IAM", "STS", "EKS", InMemoryEksAuth.SERVICE, "S3");

  /** How IAM, STS, EKS, EKS Auth and S3 answer injected faults and rate limits. */
  static final FaultAnswers ANSWERS = new FaultAnswers() {
    @Override
    public RuntimeException throttling(String operation) {
      return AwsErrors.throttling(serviceOf(operation), operation);
    }

    @Override
    public RuntimeException serverError(String operation) {
      return internal(serviceOf(operation), operation);
    }

    @Override
    public String service(String operation) {
      return serviceOf(operation);
    }

    @Override
    public Set<String> services() {
      return SERVICES;
    }
  };

  /** The service of one of the fake's operations. */
  static String serviceOf(String operation) {
    if (operation.equals("GetCallerIdentity") || operation.equals(InMemorySts.OPERATION)) {
      return "STS";
    }
    if (operation.equals(InMemoryEksAuth.OPERATION)) {
      return InMemoryEksAuth.SERVICE;
    }
    if (operation.equals("HeadBucket") || operation.equals("GetBucketEncryption")) {
      return "S3";
    }
    return operation.contains("Cluster") || operation.contains("Addon")
        || operation.contains("PodIdentityAssociation") ? "EKS" : "IAM";
  }

  static NoSuchEntityException noSuchRole(String op, String role) {
    return new NoSuchEntityException("IAM", op, "NoSuchEntity", 404, "The role with name " + role + " cannot be found.");
  }

  static NoSuchEntityException noSuchEntity(String op, String what) {
    return new NoSuchEntityException("IAM", op, "NoSuchEntity", 404, what);
  }

  static EntityAlreadyExistsException alreadyExists(String op, String what) {
    return new EntityAlreadyExistsException("IAM", op, "EntityAlreadyExists", 409, what);
  }

  static LimitExceededException trustQuota(String op, int quota) {
    return new LimitExceededException("IAM", op, "LimitExceeded", 409,
        "Cannot exceed quota for ACLSizePerRole: " + quota);
  }

  static LimitExceededException iamLimit(String op, String message) {
    return new LimitExceededException("IAM", op, "LimitExceeded", 409, message);
  }

  static MalformedPolicyDocumentException malformed(String op, String message) {
    return new MalformedPolicyDocumentException("IAM", op, "MalformedPolicyDocument", 400, message);
  }

  /** IAM's answer to a parameter that breaks its API model (pattern, length), before any other check. */
  static InvalidParameterException validation(String op, String value, String field, String constraint) {
    return new InvalidParameterException("IAM", op, "ValidationError", 400, "1 validation error detected: Value '"
        + value + "' at '" + field + "' failed to satisfy constraint: " + constraint);
  }

  static InvalidParameterException invalidInput(String op, String message) {
    return new InvalidParameterException("IAM", op, "InvalidInput", 400, message);
  }

  static AwsServiceException deleteConflict(String op) {
    return new AwsServiceException("IAM", op, "DeleteConflict", 409, "Cannot delete entity, must delete policies first.");
  }

  static ThrottlingException throttling(String service, String op) {
    return switch (service) {
      case "EKS" -> new ThrottlingException(service, op, "TooManyRequestsException", 429, "Too many requests.");
      case InMemoryEksAuth.SERVICE -> new ThrottlingException(service, op, "ThrottlingException", 429, "Rate exceeded");
      case "S3" -> new ThrottlingException(service, op, "SlowDown", 503, "Please reduce your request rate.");
      default -> new ThrottlingException(service, op, "Throttling", 400, "Rate exceeded");
    };
  }

  static NoSuchEntityException noSuchBucket(String op, String bucket) {
    return new NoSuchEntityException("S3", op, "NoSuchBucket", 404, "The specified bucket does not exist");
  }

  /** S3's answer to a call on a bucket of another region, which names that region in {@code x-amz-bucket-region}. */
  static AwsServiceException permanentRedirect(String op, String region) {
    return new AwsServiceException("S3", op, "PermanentRedirect", 301, "The bucket you are attempting to access must "
        + "be addressed using the specified endpoint. Please send all future requests to this endpoint. (bucket "
        + "region " + region + ")");
  }

  static AccessDeniedException s3AccessDenied(String op) {
    return new AccessDeniedException("S3", op, "AccessDenied", 403, "Access Denied");
  }

  static NoSuchEntityException eksNotFound(String op, String message) {
    return new NoSuchEntityException("EKS", op, "ResourceNotFoundException", 404, message);
  }

  static ResourceInUseException eksInUse(String op, String message) {
    return new ResourceInUseException("EKS", op, "ResourceInUseException", 409, message);
  }

  static InvalidParameterException eksInvalid(String op, String message) {
    return new InvalidParameterException("EKS", op, "InvalidParameterException", 400, message);
  }

  static LimitExceededException eksLimit(String op, String message) {
    return new LimitExceededException("EKS", op, "ResourceLimitExceededException", 400, message);
  }

  static AwsServiceException internal(String service, String op) {
    if ("S3".equals(service)) {
      return new AwsServiceException(service, op, "InternalError", 500, "We encountered an internal error. Please "
          + "try again.");
    }
    return new AwsServiceException(service, op, "InternalFailure", 500, "We encountered an internal error.");
  }

  // ---------------------------------------------------------------- the token exchanges (STS, EKS Auth)

  /** STS's refusal of a web identity token itself (before the role is looked at). */
  static InvalidTokenException invalidIdentityToken(String message) {
    return new InvalidTokenException("STS", InMemorySts.OPERATION, "InvalidIdentityToken", 400, message);
  }

  /** STS's answer to an expired web identity token, with both times in seconds since the epoch. */
  static InvalidTokenException expiredIdentityToken(long now, long expiry) {
    return new InvalidTokenException("STS", InMemorySts.OPERATION, "ExpiredTokenException", 400,
        "Token expired: current date/time " + now + " must be before the expiration date/time " + expiry);
  }

  /** STS's refusal by the role (its trust, or no such role): AWS says no more, on purpose. */
  static AccessDeniedException stsAccessDenied() {
    return new AccessDeniedException("STS", InMemorySts.OPERATION, "AccessDenied", 403,
        "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  }

  static InvalidParameterException stsValidation(String value, String field, String constraint) {
    return new InvalidParameterException("STS", InMemorySts.OPERATION, "ValidationError", 400,
        "1 validation error detected: Value '" + value + "' at '" + field + "' failed to satisfy constraint: "
            + constraint);
  }

  static InvalidTokenException eksAuthInvalidToken(String message) {
    return new InvalidTokenException(InMemoryEksAuth.SERVICE, InMemoryEksAuth.OPERATION, "InvalidTokenException", 400,
        message);
  }

  static InvalidTokenException eksAuthExpiredToken(String message) {
    return new InvalidTokenException(InMemoryEksAuth.SERVICE, InMemoryEksAuth.OPERATION, "ExpiredTokenException", 400,
        message);
  }

  static AccessDeniedException eksAuthAccessDenied(String message) {
    return new AccessDeniedException(InMemoryEksAuth.SERVICE, InMemoryEksAuth.OPERATION, "AccessDeniedException", 400,
        message);
  }

  static NoSuchEntityException eksAuthNotFound(String message) {
    return new NoSuchEntityException(InMemoryEksAuth.SERVICE, InMemoryEksAuth.OPERATION, "ResourceNotFoundException",
        404, message);
  }
}
