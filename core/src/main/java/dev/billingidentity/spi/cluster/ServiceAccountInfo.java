package dev.billingidentity.spi.cluster;

import java.util.Map;

/** A service account and its annotations. */
public record ServiceAccountInfo(String namespace, String name, Map<String, String> annotations) {
  /** Copies the annotations. */
  public ServiceAccountInfo {
    annotations = Map.copyOf(annotations);
  }
}
