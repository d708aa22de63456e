package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.spi.aws.Association;
import dev.billingidentity.spi.aws.AssociationSummary;
import dev.billingidentity.spi.aws.EksPort;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cluster's pod identity associations as EKS lists them: every summary (the 5,000 cap counts them all) and, by
 * namespace, those of the workload's service account. {@code ListPodIdentityAssociations} carries neither the role
 * nor the tags, so the ones that matter are described afterwards ({@link #describe}), a bounded number at a time.
 * The bound is the operation's {@link dev.billingidentity.plan.ApplyOptions#concurrency()}, the same the apply's
 * writes keep: one setting says how hard the library may lean on EKS's request rate.
 */
final class AssociationInventory {
  private final String cluster;
  private final int total;
  private final Map<String, AssociationSummary> byNamespace;

  private AssociationInventory(String cluster, int total, Map<String, AssociationSummary> byNamespace) {
    this.cluster = cluster;
    this.total = total;
    this.byNamespace = byNamespace;
  }

  /** Lists every association of {@code cluster} (one call per 100) and keeps those of {@code serviceAccount}. */
  static AssociationInventory list(EksPort eks, String cluster, String serviceAccount) {
    List<AssociationSummary> all = eks.listAllPodIdentityAssociations(cluster, null);
    Map<String, AssociationSummary> mine = new TreeMap<>();
    for (AssociationSummary s : all) {
      if (s.serviceAccount().equals(serviceAccount)) {
        // EKS allows one association per namespace and service account; keep the first if a page repeats one.
        mine.putIfAbsent(s.namespace(), s);
      }
    }
    return new AssociationInventory(cluster, all.size(), mine);
  }

  /** How many associations the cluster has, for every namespace and service account. */
  int total() {
    return total;
  }

  /** The id of the service account's association in {@code namespace}, as listed. */
  Optional<String> associationId(String namespace) {
    return Optional.ofNullable(byNamespace.get(namespace)).map(AssociationSummary::associationId);
  }

  /** The namespaces that have an association of the workload's service account, sorted. */
  Set<String> namespaces() {
    return byNamespace.keySet();
  }

  /**
   * Describes the service account's associations in {@code namespaces} (those without one are skipped), at most
   * {@code concurrency} at a time. An association deleted since the list is left out.
   *
   * @return the described associations by namespace, in the order of {@code namespaces}
   */
  Map<String, Association> describe(EksPort eks, Collection<String> namespaces, int concurrency) {
    List<AssociationSummary> wanted = new ArrayList<>();
    for (String ns : new LinkedHashSet<>(namespaces)) {
      AssociationSummary s = byNamespace.get(ns);
      if (s != null) {
        wanted.add(s);
      }
    }
    Map<String, Association> out = new LinkedHashMap<>();
    for (Association a : describeAll(eks, wanted, concurrency)) {
      if (a != null) {
        out.put(a.namespace(), a);
      }
    }
    return out;
  }

  private List<Association> describeAll(EksPort eks, List<AssociationSummary> wanted, int concurrency) {
    if (wanted.size() <= 1 || concurrency <= 1) {
      return wanted.stream().map(s -> describeOne(eks, s)).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(wanted.size(), concurrency), r -> {
      Thread t = new Thread(r, "billing-identity-describe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Association>> futures = new ArrayList<>();
      wanted.forEach(s -> futures.add(pool.submit(() -> describeOne(eks, s))));
      List<Association> out = new ArrayList<>();
      for (Future<Association> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new BillingIdentityException("describing pod identity associations failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BillingIdentityException("interrupted while describing pod identity associations", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Association describeOne(EksPort eks, AssociationSummary s) {
    try {
      return eks.describePodIdentityAssociation(cluster, s.associationId());
    } catch (NoSuchEntityException e) {
      return null; // deleted since the list: it no longer counts
    }
  }
}
