package dev.billingidentity.podidentity;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.space.ControlPlanes;
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
 *
 * <p>An operation on a few host namespaces given explicitly lists only those namespaces (one call each, EKS's
 * {@code namespace} filter) rather than every page of the cluster: an operator that adds one control plane to a
 * Space of thousands then makes the same calls as in a Space of ten. Such an inventory is not
 * {@linkplain #complete() complete}: its total is a lower bound of the cluster's, and an apply on it sees no other
 * namespace, so it prunes none (explicit host namespaces never prune themselves). A destroy lists the whole cluster
 * all the same, to name what it keeps outside its selection.
 */
final class AssociationInventory {
  /** The most explicit host namespaces listed one by one; past it, the cluster's pages are fewer calls, or close. */
  static final int MAX_SCOPED_NAMESPACES = 10;

  private final String cluster;
  private final int total;
  private final Map<String, AssociationSummary> byNamespace;
  private final boolean complete;

  private AssociationInventory(String cluster, int total, Map<String, AssociationSummary> byNamespace,
      boolean complete) {
    this.cluster = cluster;
    this.total = total;
    this.byNamespace = byNamespace;
    this.complete = complete;
  }

  /**
   * The inventory an operation on {@code controlPlanes} needs: of the explicit host namespaces alone when they are
   * at most {@link #MAX_SCOPED_NAMESPACES}, else of the whole cluster.
   */
  static AssociationInventory listFor(EksPort eks, String cluster, String serviceAccount, ControlPlanes controlPlanes) {
    List<String> explicit = controlPlanes.explicitHostNamespaces();
    if (controlPlanes.isDiscovered() || explicit.isEmpty() || explicit.size() > MAX_SCOPED_NAMESPACES) {
      return list(eks, cluster, serviceAccount);
    }
    List<AssociationSummary> listed = new ArrayList<>();
    for (String ns : explicit) {
      listed.addAll(eks.listAllPodIdentityAssociations(cluster, ns));
    }
    return new AssociationInventory(cluster, listed.size(), mine(listed, serviceAccount), false);
  }

  /** Lists every association of {@code cluster} (one call per 100) and keeps those of {@code serviceAccount}. */
  static AssociationInventory list(EksPort eks, String cluster, String serviceAccount) {
    List<AssociationSummary> all = eks.listAllPodIdentityAssociations(cluster, null);
    return new AssociationInventory(cluster, all.size(), mine(all, serviceAccount), true);
  }

  private static Map<String, AssociationSummary> mine(List<AssociationSummary> listed, String serviceAccount) {
    Map<String, AssociationSummary> mine = new TreeMap<>();
    for (AssociationSummary s : listed) {
      if (s.serviceAccount().equals(serviceAccount)) {
        // EKS allows one association per namespace and service account; keep the first if a page repeats one.
        mine.putIfAbsent(s.namespace(), s);
      }
    }
    return mine;
  }

  /**
   * How many associations the cluster has, for every namespace and service account; when not
   * {@linkplain #complete() complete}, how many the listed namespaces have (a lower bound).
   */
  int total() {
    return total;
  }

  /** Whether every association of the cluster was listed (false: only some namespaces'). */
  boolean complete() {
    return complete;
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
