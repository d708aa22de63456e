package dev.billingidentity.spi.cluster;

import java.util.Objects;

/**
 * The image one container of a pod (or of a workload's pod template) is started from, as its spec names it.
 *
 * @param container the container's name, e.g. {@code vector}
 * @param image the image reference as written in the spec, e.g. {@code timberio/vector:0.47.0-distroless-libc};
 *     empty when the spec names none
 */
public record ContainerImage(String container, String image) {
  public ContainerImage {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(image, "image");
  }
}
