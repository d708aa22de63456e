package dev.billingidentity.examples.operator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code BillingIdentity} custom resource ({@code billingidentity.dev/v1alpha1}, cluster-scoped, plural
 * {@code billingidentities}): its names, and its CRD as the chart and the sandbox install it.
 */
public final class BillingIdentityResources {
  /** The API group. */
  public static final String GROUP = "billingidentity.dev";
  /** The version served and stored. */
  public static final String VERSION = "v1alpha1";
  /** {@code billingidentity.dev/v1alpha1}. */
  public static final String API_VERSION = GROUP + "/" + VERSION;
  /** The kind. */
  public static final String KIND = "BillingIdentity";
  /** The plural, in URLs and RBAC rules. */
  public static final String PLURAL = "billingidentities";
  /** The CRD's name. */
  public static final String CRD_NAME = PLURAL + "." + GROUP;
  /** The finalizer of a resource whose {@code deletionPolicy} is {@code Delete}. */
  public static final String FINALIZER = GROUP + "/cleanup";

  /**
   * The resource, for fabric8's generic client. Given in full, so that the client needs no API discovery (which
   * fabric8's mock server answers only once a CRD exists, and which costs a real cluster two requests).
   */
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup(GROUP).withVersion(VERSION).withKind(KIND).withPlural(PLURAL).withNamespaced(false).build();

  private static final String CRD_RESOURCE = "billingidentities.billingidentity.dev.yaml";

  private BillingIdentityResources() {}

  /** The CRD, as YAML (the same file as the chart's {@code crds/}). */
  public static String crdYaml() {
    try (InputStream in = BillingIdentityResources.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the CRD " + CRD_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
