package io.strongroom.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}: readable text, or exactly the JSON the API answered. */
final class OutputOption {
    enum Format { TEXT, JSON }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (readable; the default) or json (exactly the API's JSON).")
    private Format format = Format.TEXT;

    boolean json() {
        return format == Format.JSON;
    }
}
