package io.strongroom.cli;

import io.strongroom.api.InstanceView;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Waiting for an instance to leave {@code Creating} after create or connect: describe is
 * polled until it ends {@code Enabled} or {@code Disabled} (with the {@code ErrorCode} that
 * says why), or until the timeout runs out.
 */
final class InstanceWait {
    static final String CREATING = "Creating";
    static final String ENABLED = "Enabled";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    @Option(names = "--no-wait",
            description = "Return as soon as the server accepts the request (Status Creating) instead of waiting for the outcome.")
    private boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long to wait for the instance to leave Creating (default ${DEFAULT-VALUE}; e.g. 90s, 5m).")
    private Duration timeout;

    /** The instance's last description, exactly as the API sent it, and its parsed view. */
    record Outcome(ApiClient.Reply reply, InstanceView instance) {
    }

    /** Polls until the accepted instance settles (unless {@code --no-wait}); {@code progress} gets one line for people. */
    Outcome await(ApiClient api, ApiClient.Reply accepted, PrintStream progress) {
        ApiClient.Reply reply = accepted;
        InstanceView instance = accepted.as(InstanceView.class);
        if (noWait || !CREATING.equals(instance.status())) {
            return new Outcome(reply, instance);
        }
        progress.println("Waiting for " + instance.instanceId() + " to connect to HSM cluster " + instance.hsmClusterId()
                + " (up to " + DurationConverter.show(timeout) + ") ...");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (CREATING.equals(instance.status())) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            sleep(Math.min(remaining, POLL_INTERVAL.toNanos()));
            reply = api.get("/instances/" + ApiClient.encode(instance.instanceId()));
            instance = reply.as(InstanceView.class);
        }
        return new Outcome(reply, instance);
    }

    /** The exit status of the outcome, after saying on {@code err} why it is not success. */
    int exitStatus(Outcome outcome, PrintStream err) {
        InstanceView instance = outcome.instance();
        if (noWait || ENABLED.equals(instance.status())) {
            return Main.OK;
        }
        if (CREATING.equals(instance.status())) {
            err.println("Error: " + instance.instanceId() + " is still Creating after " + DurationConverter.show(timeout)
                    + "; see 'strongroom instance describe " + instance.instanceId() + "'");
            return Main.STILL_CREATING;
        }
        if (instance.errorCode() != null) {
            err.println("Error: " + instance.errorCode() + ": " + instance.errorMessage());
        } else {
            err.println("Error: " + instance.instanceId() + " ended " + instance.status());
        }
        return Main.ENDED_DISABLED;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the instance to connect", e);
        }
    }
}
