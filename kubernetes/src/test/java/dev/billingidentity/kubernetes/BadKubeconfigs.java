package dev.billingidentity.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Files a user may give where a kubeconfig is expected, each with the words its contents must never leak in (a token,
 * an account line, a host name, a value), and what the refusal must say.
 *
 * @param name what the file is
 * @param contents the file's text, or null for a directory
 * @param secrets pieces of the contents that no output may hold
 * @param rule what the problem must say
 */
record BadKubeconfigs(String name, String contents, List<String> secrets, String rule) {
  /** A service account token's look (a JWT), not a real one. */
  static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNhbmRib3gifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6"
      + "bXhwLWEtc3lzdGVtOnZlY3RvciJ9.c2lnbmF0dXJlLW5vdC1hLXJlYWwtb25l";

  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: prod
        cluster:
          server: https://prod-api.internal.example:6443
      users:
      - name: admin
        user:
          token: tok-7f3a9c-secret
      contexts:
      - name: prod
        context:
          cluster: prod
          user: admin
      """;

  /** The cases every caller must refuse: exit 3 (the CLI) or an InvalidInputException (the library). */
  static List<BadKubeconfigs> all() {
    return List.of(
        new BadKubeconfigs("a service account token", TOKEN + "\n", List.of("eyJ", "c2lnbmF0dXJl"),
            "not a YAML mapping"),
        new BadKubeconfigs("an /etc/passwd-like file", """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            vector-secret-user:x:1000:1000::/home/vector-secret-user:/bin/sh
            """, List.of("root:x", "/bin/bash", "daemon", "vector-secret-user"), "not a YAML mapping"),
        new BadKubeconfigs("a directory", null, List.of(), "is a directory"),
        new BadKubeconfigs("broken YAML", """
            apiVersion: v1
            clusters:
            - cluster:
                server: https://leaky-host.internal.example:6443
              name: [unclosed
              token: s3cr3t-token-value
            """, List.of("leaky-host", "s3cr3t", "unclosed", "token"), "not valid YAML (line"),
        new BadKubeconfigs("YAML with a tab where the parser quotes the line", "current-context: a\n\tpassword: hunter2-secret\n",
            List.of("hunter2", "password"), "not valid YAML"),
        new BadKubeconfigs("a manifest, valid YAML but no kubeconfig", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: vector-marker-deployment
              annotations:
                secret-note: do-not-print-me
            """, List.of("vector-marker-deployment", "do-not-print-me", "Deployment"), "its kind is not Config"),
        new BadKubeconfigs("valid YAML of another kind", "database:\n  password: pa55-word-secret\n",
            List.of("pa55", "password", "database"), "no current context"),
        new BadKubeconfigs("a kubeconfig with no current context", KUBECONFIG,
            List.of("prod-api", "tok-7f3a9c"), "no current context"),
        new BadKubeconfigs("a kubeconfig whose current context is not in it", KUBECONFIG + "current-context: staging\n",
            List.of("prod-api", "tok-7f3a9c", "staging"), "its current context is not among its contexts"),
        new BadKubeconfigs("a kubeconfig whose cluster has no server",
            KUBECONFIG.replace("server: https://prod-api.internal.example:6443", "insecure-skip-tls-verify: true")
                + "current-context: prod\n",
            List.of("tok-7f3a9c"), "has no http(s) server URL"),
        new BadKubeconfigs("a kubeconfig whose user is not in it",
            KUBECONFIG.replace("user: admin", "user: someone-else") + "current-context: prod\n",
            List.of("prod-api", "tok-7f3a9c", "someone-else"), "user is not among its users"),
        new BadKubeconfigs("an empty file", "", List.of(), "empty"),
        new BadKubeconfigs("a binary file", "\u0000\u0001\u0002PK\u0003\u0004", List.of("PK"), "not valid YAML"));
  }

  /** A kubeconfig that passes: the one above with its current context. */
  static String valid() {
    return KUBECONFIG + "current-context: prod\n";
  }

  /** Writes the case under {@code dir} and returns its path. */
  Path write(Path dir) throws IOException {
    Path file = dir.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-"));
    return contents == null ? Files.createDirectories(file) : Files.writeString(file, contents);
  }

  @Override
  public String toString() {
    return name;
  }
}
