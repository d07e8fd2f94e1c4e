package io.strongroom.cli;

import java.io.Console;
import java.util.Optional;

/** Asks the person at the terminal for a password, without echo. */
@FunctionalInterface
interface PasswordPrompt {
    /** Returns the password typed, or null at end of input. */
    char[] readPassword(String prompt);

    /** The process's terminal, if it has one: never a redirected stdin, which {@code --password-stdin} is for. */
    static Optional<PasswordPrompt> systemConsole() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return Optional.empty();
        }
        return Optional.of(prompt -> console.readPassword("%s", prompt));
    }
}
