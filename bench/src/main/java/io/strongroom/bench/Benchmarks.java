package io.strongroom.bench;

import io.strongroom.testing.SoftHsm;

import java.time.Duration;

/**
 * The load harness: Encrypt (then Encrypt with security audit Disabled vs Enabled), then Sign,
 * each through the endpoint (HSM and SOFTWARE keys) beside raw PKCS#11 in the same run. Usage: {@code bench/run [PT10S] [threads]}. A harness, not a test:
 * it prints figures and asserts nothing about speed.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.parse(args.length > 0 ? args[0] : "PT10S");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (BenchInstance bench = new BenchInstance(threads)) {
            System.out.printf("SoftHSM2 %s%n", SoftHsm.MODULE);
            EncryptThroughput.run(bench, phase, threads);
            SignThroughput.run(bench, phase, threads);
        }
    }
}
