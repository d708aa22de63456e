package dev.billingidentity.testing.server;

import com.github.tomakehurst.wiremock.http.Request;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.spi.aws.BucketEncryption;
import dev.billingidentity.spi.aws.BucketOwnership;
import dev.billingidentity.spi.aws.BucketStatus;
import dev.billingidentity.spi.aws.SessionCredentials;
import dev.billingidentity.testing.aws.InMemoryAws;
import dev.billingidentity.testing.aws.InMemoryS3;
import dev.billingidentity.validation.InvalidInputException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's REST-XML API over an {@link InMemoryAws}'s {@link InMemoryS3}, for the calls the library makes of the billing
 * bucket, path-style as the SDK sends them with an endpoint override: {@code HEAD /<bucket>} ({@code HeadBucket}, with
 * or without {@code x-amz-expected-bucket-owner}, and signed with a session's credentials for the probe) and
 * {@code GET /<bucket>?encryption} ({@code GetBucketEncryption}).
 *
 * <p>A request is S3's when its SigV4 credential scope names the service {@code s3}; the scope's region is the region
 * the client asked in, so a bucket of another region answers {@code 301} with {@code x-amz-bucket-region}, as S3's
 * regional endpoints do. Answers without a body ({@code HEAD}) carry their outcome in the status and headers only.
 */
final class S3RestApi {
  private static final Logger LOG = LoggerFactory.getLogger(S3RestApi.class);
  private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final String BUCKET_REGION = "x-amz-bucket-region";
  /** {@code Credential=<access key>/<date>/<region>/s3/aws4_request} in a SigV4 {@code Authorization} header. */
  private static final Pattern SCOPE = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([a-z0-9-]+)/s3/aws4_request");

  private final InMemoryS3 s3;

  S3RestApi(InMemoryAws aws) {
    this.s3 = aws.s3();
  }

  /** Whether the request is signed for S3. */
  static boolean isS3(Request request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && SCOPE.matcher(authorization).find();
  }

  /** The answer to an S3 request, S3's errors included. */
  AwsAnswer answer(Request request) {
    Matcher scope = SCOPE.matcher(request.getHeader("Authorization"));
    scope.find();
    String accessKey = scope.group(1);
    String region = scope.group(2);
    URI uri = URI.create(request.getUrl());
    String method = request.getMethod().getName();
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    String bucket = URLDecoder.decode(path.replaceAll("^/+|/+$", ""), StandardCharsets.UTF_8);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    try {
      if (bucket.isEmpty() || bucket.contains("/")) {
        throw unknown(method, path);
      }
      BillingStorage storage;
      try {
        storage = BillingStorage.s3(region, bucket);
      } catch (InvalidInputException e) {
        throw new AwsServiceException("S3", method + " " + path, "InvalidBucketName", 400,
            "The specified bucket is not valid.");
      }
      if (method.equals("HEAD") && query.isEmpty()) {
        return head(request, accessKey, storage);
      }
      if (method.equals("GET") && (query.equals("encryption") || query.equals("encryption="))) {
        return encryption(s3.findBucketEncryption(storage));
      }
      throw unknown(method, path + (query.isEmpty() ? "" : "?" + query));
    } catch (AwsServiceException e) {
      return error(e, bucket);
    } catch (RuntimeException e) {
      LOG.warn("fake S3 failed on {} {}", method, request.getUrl(), e);
      return error(new AwsServiceException("S3", method, "InternalError", 500,
          "We encountered an internal error. Please try again."), bucket);
    }
  }

  private AwsAnswer head(Request request, String accessKey, BillingStorage storage) {
    String token = request.getHeader("X-Amz-Security-Token");
    String owner = request.getHeader("x-amz-expected-bucket-owner");
    if (token != null) {
      // The fake checks no signature, so it never learns the secret; InMemoryS3 compares key id and token only.
      return headAnswer(s3.findBucketAs(new SessionCredentials(accessKey, "(not sent)", token), storage));
    }
    if (owner != null) {
      BucketOwnership ownership = s3.findBucketOwnership(storage, owner);
      return withRegion(new AwsAnswer(ownership.owned() ? 200 : 403, "application/xml", Map.of(), ""),
          s3.bucketRegion(storage.bucket()));
    }
    return headAnswer(s3.findBucket(storage));
  }

  private static AwsAnswer headAnswer(BucketStatus status) {
    int code = switch (status.answer()) {
      case FOUND -> 200;
      case IN_ANOTHER_REGION -> 301;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
    };
    return withRegion(new AwsAnswer(code, "application/xml", Map.of(), ""), status.region());
  }

  private static AwsAnswer withRegion(AwsAnswer answer, Optional<String> region) {
    return region.map(r -> answer.withHeader(BUCKET_REGION, r)).orElse(answer);
  }

  private static AwsAnswer encryption(BucketEncryption e) {
    if (e.kind() == BucketEncryption.Kind.NONE) {
      throw new AwsServiceException("S3", "GetBucketEncryption", "ServerSideEncryptionConfigurationNotFoundError",
          404, "The server side encryption configuration was not found");
    }
    String algorithm = switch (e.kind()) {
      case SSE_S3 -> "AES256";
      case SSE_KMS -> "aws:kms";
      case DSSE_KMS -> "aws:kms:dsse";
      case NONE -> throw new IllegalStateException("no configuration");
    };
    return AwsAnswer.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ServerSideEncryptionConfiguration xmlns=\"" + NAMESPACE + "\"><Rule><ApplyServerSideEncryptionByDefault>"
        + QueryXml.element("SSEAlgorithm", algorithm)
        + QueryXml.element("KMSMasterKeyID", e.kmsKeyId().orElse(null))
        + "</ApplyServerSideEncryptionByDefault>"
        + QueryXml.element("BucketKeyEnabled", Boolean.toString(e.bucketKeyEnabled()))
        + "</Rule></ServerSideEncryptionConfiguration>");
  }

  /** S3's error answer: {@code <Error>} with the code, message and bucket; the region header for a redirect. */
  private AwsAnswer error(AwsServiceException e, String bucket) {
    AwsAnswer answer = AwsAnswer.xml(e.statusCode(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
        + QueryXml.element("Code", e.errorCode()) + QueryXml.element("Message", QueryXml.messageOf(e))
        + QueryXml.element("BucketName", bucket.isEmpty() ? null : bucket)
        + QueryXml.element("RequestId", UUID.randomUUID().toString()) + "</Error>");
    return e.statusCode() == 301 ? withRegion(answer, s3.bucketRegion(bucket)) : answer;
  }

  private static AwsServiceException unknown(String method, String path) {
    return new AwsServiceException("S3", method + " " + path, "NotImplemented", 501,
        "A header or query you provided implies functionality that is not implemented.");
  }
}
