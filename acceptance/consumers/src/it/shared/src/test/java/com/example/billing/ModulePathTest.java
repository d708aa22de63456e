package com.example.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.billingidentity.BillingIdentity;
import dev.billingidentity.awssdk.AwsAdapters;
import dev.billingidentity.irsa.IrsaStrategy;
import dev.billingidentity.kubernetes.Fabric8Cluster;
import dev.billingidentity.podidentity.PodIdentityStrategy;
import dev.billingidentity.testing.FakeSpace;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published jars as a consumer's module path sees them: each has a stable module name (its Automatic-Module-Name,
 * the root package), and they resolve together, so no package is split across two of them.
 */
class ModulePathTest {

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void eachJarHasItsModuleNameAndTheyResolveTogether() throws URISyntaxException {
    List<Class<?>> types = List.of(BillingIdentity.class, AwsAdapters.class, IrsaStrategy.class,
        PodIdentityStrategy.class, Fabric8Cluster.class, FakeSpace.class);
    Path[] jars = new Path[types.size()];
    for (int i = 0; i < jars.length; i++) {
      jars[i] = jarOf(types.get(i));
      assertThat(jars[i].getFileName().toString()).as("a jar, not a classes folder").endsWith(".jar");
    }

    ModuleFinder finder = ModuleFinder.of(jars);
    Map<String, String> names = new TreeMap<>();
    for (ModuleReference module : finder.findAll()) {
      ModuleDescriptor descriptor = module.descriptor();
      names.put(Path.of(module.location().orElseThrow()).getFileName().toString().replaceAll("-[0-9].*", ""),
          descriptor.name());
    }
    assertThat(names).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "billing-identity-core", "dev.billingidentity",
        "billing-identity-aws", "dev.billingidentity.awssdk",
        "billing-identity-aws-irsa", "dev.billingidentity.irsa",
        "billing-identity-aws-pod-identity", "dev.billingidentity.podidentity",
        "billing-identity-kubernetes", "dev.billingidentity.kubernetes",
        "billing-identity-testing", "dev.billingidentity.testing")));

    // automatic modules read every other module: resolving them fails on a package two of them hold
    Set<String> roots = finder.findAll().stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
    Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
    assertThat(configuration.modules()).hasSize(6);
  }
}
