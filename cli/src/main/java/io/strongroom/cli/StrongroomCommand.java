package io.strongroom.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** A command that prints one answer of the API: as text, or as exactly the API's JSON with {@code --output json}. */
abstract class StrongroomCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOption output;

    final Main main() {
        return (Main) spec.root().userObject();
    }

    final PrintStream out() {
        return main().out();
    }

    final PrintStream err() {
        return main().err();
    }

    final <T> void print(ApiClient.Reply reply, Class<T> type, BiConsumer<T, PrintStream> text) {
        if (output.json()) {
            printJson(reply.body());
        } else {
            text.accept(reply.as(type), out());
        }
    }

    final void printJson(String json) {
        out().print(json);
        if (!json.endsWith("\n")) {
            out().println();
        }
    }

    /** Where progress for people goes: stderr with text output, nowhere with JSON. */
    final PrintStream progress() {
        return output.json() ? new PrintStream(OutputStream.nullOutputStream()) : err();
    }

    /** A hint for the person at the terminal (stderr, text output only), so that stdout stays the answer. */
    final void hint(String text) {
        if (!output.json()) {
            err().println(text);
        }
    }
}
