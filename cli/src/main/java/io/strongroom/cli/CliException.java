package io.strongroom.cli;

/** A failure the CLI found itself (a missing file, an unreachable server): its message is shown as is, with its exit status. */
final class CliException extends RuntimeException {
    private final int exitStatus;

    CliException(String message) {
        this(message, Main.FAILED, null);
    }

    CliException(String message, Throwable cause) {
        this(message, Main.FAILED, cause);
    }

    CliException(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
