package dev.billingidentity.testing.server;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.billingidentity.spi.aws.AwsServiceException;
import dev.billingidentity.testing.aws.InMemoryAws;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request as AWS would, from an {@link InMemoryAws}: a form-encoded POST to {@code /} is the Query
 * protocol, IAM or STS by its {@code Version}; anything else is EKS's REST-JSON. The fake's typed errors become AWS's
 * error answers (XML for IAM and STS, JSON with {@code x-amzn-ErrorType} for EKS), with AWS's codes and statuses.
 */
final class AwsProtocolTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "billing-identity-fake-aws";
  private static final Logger LOG = LoggerFactory.getLogger(AwsProtocolTransformer.class);
  private static final String IAM_VERSION = "2010-05-08";
  private static final String STS_VERSION = "2011-06-15";

  private final IamQueryApi iam;
  private final StsQueryApi sts;
  private final EksRestApi eks;
  private final S3RestApi s3;

  AwsProtocolTransformer(InMemoryAws aws) {
    this.iam = new IamQueryApi(aws);
    this.sts = new StsQueryApi(aws);
    this.eks = new EksRestApi(aws);
    this.s3 = new S3RestApi(aws);
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** Applied only to the server's one catch-all stub, which names it. */
  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    return answer(serveEvent.getRequest()).toResponseDefinition();
  }

  private AwsAnswer answer(Request request) {
    if (S3RestApi.isS3(request)) {
      return s3.answer(request); // signed for s3: path-style bucket requests
    }
    return isQuery(request) ? query(request) : eks(request);
  }

  private AwsAnswer query(Request request) {
    String body = request.getBodyAsString();
    String version = QueryRequest.version(body);
    boolean isSts = STS_VERSION.equals(version);
    String service = isSts ? "STS" : "IAM";
    String namespace = isSts ? StsQueryApi.NAMESPACE : IamQueryApi.NAMESPACE;
    try {
      QueryRequest query = QueryRequest.parse(service, body);
      if (isSts) {
        return sts.answer(query);
      }
      if (IAM_VERSION.equals(version)) {
        return iam.answer(query);
      }
      throw new AwsServiceException(service, String.valueOf(query.action()), "InvalidAction", 400,
          "Could not find operation " + query.action() + " for version " + version);
    } catch (AwsServiceException e) {
      return QueryXml.error(namespace, e);
    } catch (RuntimeException e) {
      return QueryXml.error(namespace, internalFailure(service, request, e));
    }
  }

  private AwsAnswer eks(Request request) {
    try {
      return eks.answer(request.getMethod().getName(), request.getUrl(), request.getBodyAsString());
    } catch (AwsServiceException e) {
      return EksRestApi.error(e);
    } catch (RuntimeException e) {
      return EksRestApi.error(internalFailure("EKS", request, e));
    }
  }

  /** IAM and STS take form-encoded POSTs to {@code /}; EKS takes JSON on resource paths. */
  private static boolean isQuery(Request request) {
    String contentType = request.getHeader("Content-Type");
    return "POST".equals(request.getMethod().getName()) && "/".equals(request.getUrl())
        && contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
  }

  /** A bug of the fake (or a request it cannot read) answers as AWS's 500, and is logged with its stack. */
  private static AwsServiceException internalFailure(String service, Request request, RuntimeException e) {
    LOG.warn("fake AWS failed on {} {}", request.getMethod(), request.getUrl(), e);
    return new AwsServiceException(service, request.getMethod() + " " + request.getUrl(), "InternalFailure", 500,
        "The request processing has failed because of an unknown error, exception or failure.");
  }
}
