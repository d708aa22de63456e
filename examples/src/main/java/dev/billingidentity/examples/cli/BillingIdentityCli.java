package dev.billingidentity.examples.cli;

import dev.billingidentity.BillingIdentityException;
import dev.billingidentity.policy.MalformedPolicyException;
import dev.billingidentity.role.RoleNotOwnedException;
import dev.billingidentity.validation.InvalidInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code billing-identity} command line: the library's operations for people and scripts. Exit codes: 0
 * success, 1 failure, 2 changes or drift (with {@code --detailed-exitcode}), 3 invalid input.
 */
@Command(
    name = "billing-identity",
    mixinStandardHelpOptions = true,
    version = "billing-identity 0.1.0",
    description = "Workload identity (IRSA / EKS Pod Identity) for the billing component of an Upbound Space on EKS.")
public final class BillingIdentityCli {
  /** The subcommands, in the order the help lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      PoliciesCommand.class,
      HelmValuesCommand.class,
      PermissionsCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      VerifyCommand.class,
      RestartCommand.class,
      DestroyCommand.class,
      MigrateCommand.class,
      SandboxCommand.class,
      OperatorCommand.class,
      DemoCommand.class);

  /** Read by {@link #main} before picocli parses (see {@link CliLogging}); declared here for parsing and help. */
  @Option(names = CliLogging.DEBUG_OPTION, scope = ScopeType.INHERIT,
      description = "log the library's own steps on stderr (each AWS call and Kubernetes read or patch, its answer "
          + "and its time); never HTTP headers, bodies or credentials. Takes effect when the CLI starts its JVM "
          + "(java -jar).")
  boolean debug;

  private BillingIdentityCli() {}

  /**
   * Runs the CLI and exits with its exit code; the logging is settled first, before any logger exists, and the JDK
   * HTTP clients' selector threads are stopped last ({@link QuickExit}).
   */
  public static void main(String[] args) {
    CliLogging.configure(args);
    int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    QuickExit.stopHttpClientSelectors();
    System.exit(code);
  }

  /** Runs the CLI with the given streams and returns the exit code (for embedding). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(new DefaultBackends(), out, err, args);
  }

  /** Runs the CLI on the given backends (tests, the demo). */
  static int run(Backends backends, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new BillingIdentityCli(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = CommandLine.defaultFactory().create(type);
        if (made instanceof OperationCommand op) {
          op.backends = backends;
        }
        return made;
      }
    });
    // picocli builds the model of every subcommand it is given, by reflection over its options and mixins: about a
    // tenth of a two-second command. The one named is all it needs to run; all of them are given when none is named
    // or the name is not one of theirs, so that the help lists them and picocli refuses an unknown one as before.
    named(args).ifPresentOrElse(cli::addSubcommand, () -> SUBCOMMANDS.forEach(cli::addSubcommand));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof InvalidInputException invalid) {
        return InvalidInput.report(invalid, commandLine.getErr());
      }
      if (ex instanceof RoleNotOwnedException || ex instanceof MalformedPolicyException) {
        // Refused before any write, like invalid input: what AWS holds is not something the library may change.
        commandLine.getErr().println("invalid input (1 problem):\n  " + ex.getMessage());
        commandLine.getErr().flush();
        return ExitCodes.INVALID_INPUT;
      }
      if (ex instanceof BillingIdentityException failure) {
        commandLine.getErr().println("error: " + failure.getMessage() + timeoutHint(failure));
        commandLine.getErr().flush();
        return ExitCodes.FAILURE;
      }
      throw ex;
    });
    cli.setParameterExceptionHandler((ex, args1) -> {
      ex.getCommandLine().getErr().println("invalid input (1 problem):\n  " + ex.getMessage());
      ex.getCommandLine().getErr().flush();
      return ExitCodes.INVALID_INPUT;
    });
    return cli.execute(args);
  }

  /**
   * The subcommand the arguments name: the first argument that is not an option (the top level's options, {@code
   * --debug}, {@code -h} and {@code -V}, take no value), if it is a subcommand's name.
   */
  private static Optional<Class<?>> named(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(arg)).findFirst();
      }
    }
    return Optional.empty();
  }

  /** For a call that ran out of its time: which option sets it. */
  private static String timeoutHint(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("the call timeout") || message.contains("the attempt timeout")) {
        return "; --timeout sets it";
      }
    }
    return "";
  }
}
