package dev.billingidentity.examples.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a {@code BillingIdentity}: one per write (each change applied, each restart) and one per
 * blocker or problem, so that {@code kubectl describe billingidentity <name>} tells what the operator did. A
 * cluster-scoped object's Events live in the {@code default} namespace, as the API server's own do. A pass that makes
 * hundreds of writes (a first apply of a large Space) records the first {@link #MAX_PER_KIND} of each kind and one
 * Event for the rest. An Event that cannot be written is logged, never a reason to fail a reconcile.
 */
final class ResourceEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceEvents.class);
  /** The namespace of the Events of cluster-scoped objects. */
  static final String NAMESPACE = "default";
  static final int MAX_PER_KIND = 20;
  static final String COMPONENT = "billing-identity-operator";

  private final KubernetesClient client;
  private final String reportingInstance;
  private final Clock clock;

  ResourceEvents(KubernetesClient client, String reportingInstance, Clock clock) {
    this.client = client;
    this.reportingInstance = reportingInstance;
    this.clock = clock;
  }

  /** One Event per message, up to the cap, then one that counts the rest. */
  void each(GenericKubernetesResource on, String type, String reason, List<String> messages) {
    int shown = Math.min(messages.size(), MAX_PER_KIND);
    for (int i = 0; i < shown; i++) {
      record(on, type, reason, messages.get(i));
    }
    if (messages.size() > shown) {
      record(on, type, reason, "and " + (messages.size() - shown) + " more of the same kind in this pass");
    }
  }

  /** A Normal Event. */
  void normal(GenericKubernetesResource on, String reason, String message) {
    record(on, "Normal", reason, message);
  }

  /** A Warning Event. */
  void warning(GenericKubernetesResource on, String reason, String message) {
    record(on, "Warning", reason, message);
  }

  private void record(GenericKubernetesResource on, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = on.getMetadata().getName() + "." + Long.toHexString(System.currentTimeMillis())
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)).toLowerCase(Locale.ROOT);
    try {
      client.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
          .withNewInvolvedObject().withApiVersion(BillingIdentityResources.API_VERSION)
              .withKind(BillingIdentityResources.KIND).withName(on.getMetadata().getName())
              .withUid(on.getMetadata().getUid()).withResourceVersion(on.getMetadata().getResourceVersion())
          .endInvolvedObject()
          .withType(type).withReason(reason).withMessage(ResourceStatus.truncate(message))
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent(COMPONENT).withHost(reportingInstance).endSource()
          .withReportingComponent(COMPONENT).withReportingInstance(reportingInstance)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record the event {} on billingidentity {}: {}", reason, on.getMetadata().getName(),
          e.getMessage());
    }
  }
}
