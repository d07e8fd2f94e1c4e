package io.strongroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strongroom.api.ApiJson;
import io.strongroom.api.Credential;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Where a command gets an HSM password: a file, standard input, or a prompt at the terminal.
 * Never an argument: arguments end up in shell history and in every user's {@code ps}. The
 * password is kept in a {@code char[]}, never a {@code String}, and every buffer it passed
 * through here is zeroed once the request JSON is made (the caller zeroes that JSON).
 */
final class PasswordSource {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from FILE (the password alone; one trailing newline is ignored).")
    private Path file;

    @Option(names = "--password-stdin",
            description = "Read the password from standard input (one trailing newline is ignored).")
    private boolean stdin;

    // Catches a habit from other tools and says why it is refused, without echoing the value.
    @Option(names = "--password", hidden = true, arity = "0..1", paramLabel = "REFUSED")
    private void refusePasswordArgument(String ignored) {
        if (ignored != null) {
            throw new ParameterException(mixee.commandLine(), "a password is never taken as an argument (it would show in "
                    + "shell history and to 'ps'): use --password-file FILE, --password-stdin, or answer the prompt");
        }
    }

    /** Refuses a command line that gives no usable source, before anything else is done (exit 2). */
    void check() {
        if (file != null && stdin) {
            throw new ParameterException(mixee.commandLine(), "give either --password-file or --password-stdin, not both");
        }
        if (file == null && !stdin && main().prompt().isEmpty()) {
            throw new ParameterException(mixee.commandLine(), "no password given and there is no terminal to ask for one: "
                    + "use --password-file FILE or --password-stdin");
        }
    }

    /**
     * Reads the password of {@code user} and returns the JSON of the request that carries it
     * as a {@link Credential}; the password is zeroed before returning, the caller zeroes the JSON.
     */
    byte[] requestJson(String user, Function<Credential, Object> request) {
        Credential credential = new Credential(user, read(user));
        try {
            return ApiJson.mapper().writeValueAsBytes(request.apply(credential));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        } finally {
            credential.destroy();
        }
    }

    /** Reads the password of {@code user} from the chosen source. The caller zeroes the result. */
    char[] read(String user) {
        return readWithPrompt("HSM password of user " + user + ": ");
    }

    /** Reads a password from the chosen source, prompting with {@code prompt} at a terminal. The caller zeroes the result. */
    char[] readWithPrompt(String prompt) {
        check();
        if (file != null) {
            return fromFile(file);
        }
        if (stdin) {
            return fromStream(main().in(), "standard input");
        }
        char[] typed = main().prompt().orElseThrow().readPassword(prompt);
        if (typed == null || typed.length == 0) {
            throw new CliException("no password entered");
        }
        return typed;
    }

    private Main main() {
        return (Main) mixee.root().userObject();
    }

    static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("the password file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes, "the password file " + file);
    }

    static char[] fromStream(InputStream in, String what) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CliException("cannot read the password from " + what + ": " + e.getMessage(), e);
        }
        return decode(bytes, what);
    }

    /** UTF-8 bytes to chars without passing through a String, minus one trailing newline ({@code \n} or {@code \r\n}). */
    private static char[] decode(byte[] bytes, String what) {
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            if (end > 0 && chars.get(end - 1) == '\n') {
                end--;
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
            }
            if (end == 0) {
                throw new CliException(what + " holds no password");
            }
            char[] password = new char[end];
            chars.get(0, password);
            return password;
        } catch (CharacterCodingException e) {
            throw new CliException(what + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }
}
