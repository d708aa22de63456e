package dev.billingidentity.kubernetes;

import dev.billingidentity.validation.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The check that a file is a kubeconfig a client can be made of, before anything reads it for one: a regular, readable
 * file of YAML whose current context names a context, whose cluster has an http(s) server, and whose user (if any)
 * the file holds.
 *
 * <p>A file given as a kubeconfig may be anything: a service account token, {@code /etc/passwd}, a manifest. Its
 * contents are never repeated: a problem names the file and what is wrong with it, and at most a line and a column;
 * not even the YAML parser's own message, which often quotes the offending line.
 */
public final class KubeconfigFile {
  /** Far above any real kubeconfig (certificates included): a larger file is something else, and not read. */
  public static final long MAX_SIZE = 4L * 1024 * 1024;

  private KubeconfigFile() {}

  /**
   * Records under {@code field} (e.g. {@code --kubeconfig}), with the file as the value, what keeps {@code file} from
   * being a usable kubeconfig. Records at most one problem (the first found) and returns whether there was none.
   */
  public static boolean check(Problems p, String field, String file) {
    Objects.requireNonNull(field, "field");
    Optional<String> problem;
    try {
      problem = problem(Path.of(Objects.requireNonNull(file, "file")));
    } catch (InvalidPathException e) {
      problem = Optional.of("not a valid path");
    }
    problem.ifPresent(rule -> p.require(false, field, file, rule));
    return problem.isEmpty();
  }

  /**
   * Throws an {@link dev.billingidentity.validation.InvalidInputException} (field {@code kubeconfig}) when
   * {@code file} is not a usable kubeconfig.
   */
  public static void require(Path file) {
    Problems p = new Problems();
    check(p, "kubeconfig", Objects.requireNonNull(file, "file").toString());
    p.throwIfAny();
  }

  private static Optional<String> problem(Path file) {
    if (Files.isDirectory(file)) {
      return Optional.of("is a directory, not a kubeconfig file");
    }
    if (!Files.exists(file)) {
      return Optional.of("no such file");
    }
    if (!Files.isRegularFile(file)) {
      // A pipe or a device: it could not be read twice (once here, once by the client).
      return Optional.of("not a regular file");
    }
    if (!Files.isReadable(file)) {
      return Optional.of("cannot be read (permissions)");
    }
    String text;
    try {
      if (Files.size(file) > MAX_SIZE) {
        return Optional.of("not a kubeconfig: larger than " + MAX_SIZE / (1024 * 1024) + " MiB");
      }
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("not a kubeconfig: not UTF-8 text");
    } catch (IOException e) {
      // The exception's class only: its message could be anything the file system says.
      return Optional.of("cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    Object root;
    try {
      root = new Load(LoadSettings.builder().setLabel("kubeconfig").build()).loadFromString(text);
    } catch (MarkedYamlEngineException e) {
      return Optional.of("not a kubeconfig: not valid YAML" + e.getProblemMark()
          .map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")").orElse(""));
    } catch (YamlEngineException e) {
      return Optional.of("not a kubeconfig: not valid YAML");
    }
    if (root == null) {
      return Optional.of("not a kubeconfig: empty");
    }
    if (!(root instanceof Map<?, ?> config)) {
      return Optional.of("not a kubeconfig: not a YAML mapping of clusters, contexts and users");
    }
    return structureProblem(config);
  }

  /** What keeps the mapping from giving a client a server; never a value of the file. */
  private static Optional<String> structureProblem(Map<?, ?> config) {
    Object kind = config.get("kind");
    if (kind != null && !"Config".equals(kind)) {
      return Optional.of("not a kubeconfig: its kind is not Config");
    }
    if (!(config.get("current-context") instanceof String current) || current.isEmpty()) {
      return Optional.of("not a kubeconfig a client can use: no current context");
    }
    Map<?, ?> context = named(config, "contexts", "context", current);
    if (context == null) {
      return Optional.of("not a kubeconfig a client can use: its current context is not among its contexts");
    }
    Map<?, ?> cluster = context.get("cluster") instanceof String name ? named(config, "clusters", "cluster", name) : null;
    if (cluster == null) {
      return Optional.of("not a kubeconfig a client can use: the current context's cluster is not among its clusters");
    }
    if (!(cluster.get("server") instanceof String server) || !isHttpUrl(server)) {
      return Optional.of("not a kubeconfig a client can use: the current context's cluster has no http(s) server URL");
    }
    if (context.get("user") instanceof String user && !user.isEmpty() && named(config, "users", "user", user) == null) {
      return Optional.of("not a kubeconfig a client can use: the current context's user is not among its users");
    }
    return Optional.empty();
  }

  /** The {@code body} of the entry of list {@code list} whose {@code name} is {@code name}, or null. */
  private static Map<?, ?> named(Map<?, ?> config, String list, String body, String name) {
    if (!(config.get(list) instanceof List<?> entries)) {
      return null;
    }
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> e && name.equals(e.get("name"))) {
        return e.get(body) instanceof Map<?, ?> m ? m : null;
      }
    }
    return null;
  }

  private static boolean isHttpUrl(String s) {
    try {
      URI uri = new URI(s);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
