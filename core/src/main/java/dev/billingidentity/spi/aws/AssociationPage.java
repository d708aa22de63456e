package dev.billingidentity.spi.aws;

import java.util.List;
import java.util.Optional;

/** One page of {@code ListPodIdentityAssociations}; {@code nextToken} is empty on the last page. */
public record AssociationPage(List<AssociationSummary> items, Optional<String> nextToken) {
  /** Copies the associations. */
  public AssociationPage {
    items = List.copyOf(items);
  }
}
