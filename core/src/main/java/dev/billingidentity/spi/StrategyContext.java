package dev.billingidentity.spi;

import dev.billingidentity.IdentitySettings;
import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.space.ControlPlane;
import dev.billingidentity.space.ControlPlanes;
import dev.billingidentity.spi.aws.AwsBackend;
import dev.billingidentity.spi.cluster.ClusterPort;
import dev.billingidentity.spi.cluster.ClusterSnapshot;
import dev.billingidentity.spi.cluster.ControlPlaneQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a strategy works with during one operation: settings, ports, the chosen control planes, and what it has
 * observed so far. Observations are made once per operation and shared (the account, the Space), so a strategy may
 * ask for them as often as it likes.
 */
public final class StrategyContext {
  private final IdentitySettings settings;
  private final AwsBackend aws;
  private final ClusterPort cluster;
  private final ControlPlanes controlPlanes;
  private AwsAccount account;
  private SpaceObservation space;

  public StrategyContext(IdentitySettings settings, AwsBackend aws, ClusterPort cluster, ControlPlanes controlPlanes) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.aws = Objects.requireNonNull(aws, "aws");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.controlPlanes = Objects.requireNonNull(controlPlanes, "controlPlanes");
  }

  public IdentitySettings settings() {
    return settings;
  }

  public AwsBackend aws() {
    return aws;
  }

  public ClusterPort cluster() {
    return cluster;
  }

  /** Which control planes were chosen. */
  public ControlPlanes controlPlanes() {
    return controlPlanes;
  }

  /** The account: from the settings, or asked of STS once. */
  public synchronized AwsAccount account() {
    if (account == null) {
      account = settings.account().orElseGet(() -> aws.sts().callerIdentity().awsAccount());
    }
    return account;
  }

  /** The chosen control planes as the cluster holds them now, observed once per operation. */
  public synchronized SpaceObservation space() {
    if (space == null) {
      space = controlPlanes.isDiscovered() ? observeDiscovered() : observeExplicit();
    }
    return space;
  }

  /**
   * Which of {@code hostNamespaces} (found in AWS, e.g. in the trust or in associations) belong to control planes
   * that are gone, and may be pruned. With discovery, a host namespace is gone when no control plane of the Space
   * (in any group) uses it; with explicit host namespaces, when the namespace no longer exists.
   */
  public Set<String> goneHostNamespaces(Collection<String> hostNamespaces) {
    SpaceObservation observed = space();
    Set<String> candidates = new LinkedHashSet<>(hostNamespaces);
    candidates.removeAll(observed.liveHostNamespaces());
    if (controlPlanes.isDiscovered() || candidates.isEmpty()) {
      return candidates;
    }
    candidates.removeAll(cluster.observe(candidates, settings.serviceAccount()).existingNamespaces());
    return candidates;
  }

  private SpaceObservation observeDiscovered() {
    ControlPlaneQuery query = new ControlPlaneQuery(controlPlanes.groups(), controlPlanes.labels());
    List<ControlPlane> chosen = cluster.discoverControlPlanes(query);
    boolean filtered = !controlPlanes.groups().isEmpty() || !controlPlanes.labels().isEmpty();
    List<ControlPlane> all = filtered ? cluster.discoverControlPlanes(ControlPlaneQuery.all()) : chosen;
    Set<String> candidates = new LinkedHashSet<>();
    chosen.stream().filter(ControlPlane::provisioned).forEach(cp -> candidates.add(cp.hostNamespace().orElseThrow()));
    ClusterSnapshot snapshot = cluster.observe(candidates, settings.serviceAccount());
    List<ControlPlane> provisioned = new ArrayList<>();
    List<ControlPlane> pending = new ArrayList<>();
    for (ControlPlane cp : chosen) {
      boolean ready = cp.provisioned() && snapshot.existingNamespaces().contains(cp.hostNamespace().orElseThrow());
      (ready ? provisioned : pending).add(cp);
    }
    Set<String> live = new LinkedHashSet<>();
    all.forEach(cp -> cp.hostNamespace().ifPresent(live::add));
    return new SpaceObservation(provisioned, pending, snapshot, live);
  }

  private SpaceObservation observeExplicit() {
    List<String> namespaces = controlPlanes.explicitHostNamespaces();
    ClusterSnapshot snapshot = cluster.observe(new LinkedHashSet<>(namespaces), settings.serviceAccount());
    List<ControlPlane> provisioned = new ArrayList<>();
    List<ControlPlane> pending = new ArrayList<>();
    for (String ns : namespaces) {
      if (snapshot.existingNamespaces().contains(ns)) {
        provisioned.add(ControlPlane.inHostNamespace(ns));
      } else {
        pending.add(ControlPlane.builder().name(ns).hostNamespace(ns).provisioned(false).build());
      }
    }
    return new SpaceObservation(provisioned, pending, snapshot, new LinkedHashSet<>(namespaces));
  }
}
