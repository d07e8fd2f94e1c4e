package io.strongroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code strongroom}: the command line of the management API. The root command holds what
 * every command shares: the global options (inherited by every subcommand, so they may come
 * before or after the verb), the process streams and environment, and the top-level error
 * handling that turns every failure into one {@code Error: ...} line and an exit status.
 */
@Command(name = "strongroom", mixinStandardHelpOptions = true, version = "strongroom " + Main.VERSION,
        description = {"Manage Strongroom, a self-hosted Key Management Service, through its management API.",
                "Run on the server's machine, it needs no flags: it reads the API address, the API's TLS CA and "
                        + "the admin credential from the data directory ($STRONGROOM_HOME, default ./data)."},
        subcommands = {StatusCommand.class, RegionCommand.class, AdminCommand.class, HsmClusterCommand.class, InstanceCommand.class,
                NetworkRuleCommand.class, PolicyCommand.class, AapCommand.class, ClientKeyCommand.class, ConsoleCommand.class,
                KeyCommand.class, AliasCommand.class, AuditCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:success",
                "1:the API refused or failed the request, or could not be reached",
                "2:usage error",
                "3:the instance ended Disabled (its ErrorCode says why)",
                "4:the instance was still Creating when --wait-timeout ran out",
                "5:audit verify found an object missing, altered, reordered or extra"})
public final class Main {
    static final String VERSION = "0.1.0";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int ENDED_DISABLED = 3;
    static final int STILL_CREATING = 4;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> environment;
    private final Optional<PasswordPrompt> prompt;
    private Path home;
    private String apiUrl;
    private Path credentialFile;
    private Path caFile;
    private boolean debug;

    private Main(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, Optional<PasswordPrompt> prompt) {
        this.out = requireNonNull(out, "out");
        this.err = requireNonNull(err, "err");
        this.in = requireNonNull(in, "in");
        this.environment = Map.copyOf(environment);
        this.prompt = requireNonNull(prompt, "prompt");
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.in, System.getenv());
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status; never throws and never prints a stack trace unless {@code --debug}. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
        return run(args, out, err, in, env, PasswordPrompt.systemConsole());
    }

    static int run(String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env,
                   Optional<PasswordPrompt> prompt) {
        try {
            Main root = new Main(out, err, in, env, prompt);
            CommandLine commandLine = new CommandLine(root)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .setParameterExceptionHandler(root::usageError)
                    .setExecutionExceptionHandler((failure, line, parsed) -> root.failed(failure));
            return commandLine.execute(args);
        } catch (RuntimeException e) {
            err.println("Error: unexpected failure: " + e);
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    // The global options are setters that ignore null: picocli resets an inherited option's
    // copy when it enters a subcommand, and that must not erase a value given before the verb.

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The server's data directory (env STRONGROOM_HOME; default ./data).")
    void home(Path value) {
        if (value != null) {
            home = value;
        }
    }

    @Option(names = "--api-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The management API, e.g. https://127.0.0.1:8443 (env STRONGROOM_API_URL; "
                    + "default: ApiUrl of the running server's run/server.json in the data directory).")
    void apiUrl(String value) {
        if (value != null) {
            apiUrl = value;
        }
    }

    @Option(names = "--credential-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The admin access key, JSON with AccessKeyId and AccessKeySecret "
                    + "(env STRONGROOM_CREDENTIAL_FILE; default admin/credential.json in the data directory).")
    void credentialFile(Path value) {
        if (value != null) {
            credentialFile = value;
        }
    }

    @Option(names = "--ca-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The PEM CA certificate(s) to trust for the API, and only those (env STRONGROOM_CA_FILE; "
                    + "default tls/management-ca.pem in the data directory, else the JDK's trusted CAs).")
    void caFile(Path value) {
        if (value != null) {
            caFile = value;
        }
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    void debug(boolean value) {
        debug |= value;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    Optional<PasswordPrompt> prompt() {
        return prompt;
    }

    Locations locations() {
        return Locations.resolve(home, apiUrl, credentialFile, caFile, environment);
    }

    /** A client of the management API; the caller closes it. */
    ApiClient api() {
        return ApiClient.open(locations());
    }

    private int usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        err.println("Error: " + e.getMessage());
        if (!line.getSubcommands().isEmpty() && !(line.getCommandSpec().userObject() instanceof Callable)) {
            line.usage(err);
        } else {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
        }
        return USAGE;
    }

    private int failed(Exception failure) {
        switch (failure) {
            case ApiException e -> err.println("Error: " + e.getMessage());
            case CliException e -> err.println("Error: " + e.getMessage());
            default -> err.println("Error: unexpected failure: " + failure);
        }
        if (debug) {
            failure.printStackTrace(err);
        }
        return failure instanceof CliException e ? e.exitStatus() : FAILED;
    }
}
