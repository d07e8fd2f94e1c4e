package io.strongroom.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Polls until a condition holds, failing with the last value seen after 90 s. */
public final class Await {
    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        T value = probe.get();
        while (!done.test(value)) {
            assertThat(Instant.now()).as("waited 90 s; last seen: %s", value).isBefore(deadline);
            Thread.sleep(200);
            value = probe.get();
        }
        return value;
    }
}
