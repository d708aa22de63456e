package dev.billingidentity.workload;

import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.PodInfo;
import dev.billingidentity.spi.cluster.WorkloadInfo;
import dev.billingidentity.workload.VectorImage.Support;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The vector images one host namespace runs, as the cluster holds them now: its vector workloads' pod templates
 * (what new pods get) and each of its pods (what runs; a pod made before a rollout keeps its older image until it is
 * replaced). Only reads the snapshot.
 */
public final class VectorImages {
  /**
   * One place that names vector's image.
   *
   * @param where for people: {@code deployment/vector -n <ns> (pod template)} or {@code pod <ns>/<name>}
   * @param template whether it is a workload's pod template (else a pod)
   * @param image vector's container image there; empty when no container of it can be told to be vector's
   */
  public record Use(String where, boolean template, Optional<VectorImage> image) {
    /** How this use's release compares with {@code minimum}; unknown without an image. */
    public Support support(VectorVersion minimum) {
      return image.map(i -> i.support(minimum)).orElse(Support.UNKNOWN);
    }

    /** The image as given, or {@code "no vector container"}. */
    public String reference() {
      return image.map(VectorImage::reference).orElse("no vector container");
    }
  }

  private final String namespace;
  private final List<Use> uses;

  private VectorImages(String namespace, List<Use> uses) {
    this.namespace = namespace;
    this.uses = List.copyOf(uses);
  }

  /** The images of {@code namespace}'s vector workloads and pods in {@code snapshot}. */
  public static VectorImages in(String namespace, ClusterSnapshot snapshot) {
    List<Use> uses = new ArrayList<>();
    for (WorkloadInfo w : snapshot.workloads(namespace)) {
      uses.add(new Use(w.ref() + " (pod template)", true,
          VectorImage.vectorContainer(w.templateImages()).map(c -> VectorImage.parse(c.image()))));
    }
    for (PodInfo p : snapshot.pods(namespace)) {
      uses.add(new Use("pod " + p.namespace() + "/" + p.name(), false,
          VectorImage.vectorContainer(p.images()).map(c -> VectorImage.parse(c.image()))));
    }
    return new VectorImages(namespace, uses);
  }

  /** The host namespace. */
  public String namespace() {
    return namespace;
  }

  /** Every use, templates first, then pods. */
  public List<Use> uses() {
    return uses;
  }

  /** Whether nothing names vector's image here (no workload, no pod). */
  public boolean isEmpty() {
    return uses.isEmpty();
  }

  /** The uses whose release compares with {@code minimum} as {@code support} says. */
  public List<Use> with(Support support, VectorVersion minimum) {
    return uses.stream().filter(u -> u.support(minimum) == support).toList();
  }

  /**
   * {@code uses} for people, one group per image: {@code timberio/vector:0.43.1 (vector 0.43.1) in
   * deployment/vector -n ns (pod template), pod ns/vector-abc}, groups joined by {@code "; "}.
   */
  public static String describe(List<Use> uses) {
    Map<String, List<Use>> byImage = new LinkedHashMap<>();
    uses.forEach(u -> byImage.computeIfAbsent(u.reference(), k -> new ArrayList<>()).add(u));
    return byImage.values().stream().map(VectorImages::describeGroup).collect(Collectors.joining("; "));
  }

  private static String describeGroup(List<Use> group) {
    Use first = group.get(0);
    String places = group.size() <= 3
        ? group.stream().map(Use::where).collect(Collectors.joining(", "))
        : group.stream().limit(2).map(Use::where).collect(Collectors.joining(", ")) + " and " + (group.size() - 2)
            + " more";
    return first.image().map(i -> i.reference() + (i.versionText().equals("unknown") ? ""
        : " (vector " + i.versionText() + ")")).orElse(first.reference()) + " in " + places;
  }
}
