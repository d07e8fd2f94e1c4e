package io.strongroom.bench;

import com.aliyun.dkms.gcs.sdk.Client;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.HsmToken;
import io.strongroom.hsm.HsmTokens;
import io.strongroom.testing.TestClusters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs workers on threads until a deadline and reports operations per second. Prints figures; asserts nothing about speed. */
final class Throughput {
    static final Duration MAX_WARM_UP = Duration.ofSeconds(5);

    private Throughput() {
    }

    /** One worker per thread; each returns how many operations it completed before the deadline. */
    interface Worker {
        Callable<Long> forThread(int index, long deadline) throws Exception;
    }

    /** One operation of a raw worker on its own logged-in session; returns nothing, fails with the HSM's error. */
    interface RawOperation {
        void run(HsmSession session, long done) throws HsmException;
    }

    /** One operation of a raw worker after {@code prepare} ran once on the thread's session. */
    interface RawSetup {
        RawOperation prepare(HsmSession session) throws HsmException;
    }

    /** One call of an endpoint worker with its thread's client. */
    interface ClientOperation {
        void run(Client client) throws Exception;
    }

    /** A worker through the endpoint: each thread calls with its own official-SDK client. */
    static Worker endpoint(List<Client> clients, ClientOperation operation) {
        return (index, deadline) -> () -> {
            Client client = clients.get(index);
            long done = 0;
            while (System.nanoTime() < deadline) {
                operation.run(client);
                done++;
            }
            return done;
        };
    }

    /** A worker straight on our PKCS#11 binding: a session per thread on the cluster's nodes in turn. */
    static Worker raw(HsmCluster cluster, RawSetup setup) {
        return (index, deadline) -> () -> {
            try (HsmToken token = HsmTokens.open(cluster.nodes().get(index % cluster.nodes().size()).location(), Duration.ofSeconds(10));
                 HsmSession session = token.login(TestClusters.PASSWORD.toCharArray())) {
                RawOperation operation = setup.prepare(session);
                long done = 0;
                while (System.nanoTime() < deadline) {
                    operation.run(session, done);
                    done++;
                }
                return done;
            }
        };
    }

    /**
     * Operations per second over {@code phase}, after the same work ran unmeasured for a warm-up
     * (a third of the phase, at most {@link #MAX_WARM_UP}), so that JIT compilation, connection set-up
     * and caches do not count against whichever phase comes first.
     */
    static double measure(Duration phase, int threads, Worker worker) throws Exception {
        Duration warmUp = phase.dividedBy(3);
        run(warmUp.compareTo(MAX_WARM_UP) > 0 ? MAX_WARM_UP : warmUp, threads, worker);
        return run(phase, threads, worker);
    }

    /** Runs {@code worker} for {@code length} and discards the figure: warms the JIT, connections and caches. */
    static void warmUp(Duration length, int threads, Worker worker) throws Exception {
        run(length, threads, worker);
    }

    private static double run(Duration phase, int threads, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long deadline = start + phase.toNanos();
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(worker.forThread(i, deadline)));
            }
            long total = 0;
            for (Future<Long> result : results) {
                total += result.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Raw, endpoint with an HSM key, endpoint with a SOFTWARE key, raw again (a drift check), side by side. */
    static void report(String operation, Duration phase, int threads, Worker raw, Worker hsm, Worker software) throws Exception {
        System.out.printf("%s; %d threads, %s per phase%n", operation, threads, phase);
        double first = measure(phase, threads, raw);
        double hsmRate = measure(phase, threads, hsm);
        double softwareRate = measure(phase, threads, software);
        double again = measure(phase, threads, raw);
        System.out.printf("  %-40s %10.0f ops/s%n", "raw PKCS#11 (our binding)", first);
        System.out.printf("  %-40s %10.0f ops/s  (%.2f x raw)%n", "endpoint, HSM key (official SDK)", hsmRate, hsmRate / first);
        System.out.printf("  %-40s %10.0f ops/s  (%.2f x raw)%n", "endpoint, SOFTWARE key (official SDK)", softwareRate,
                softwareRate / first);
        System.out.printf("  %-40s %10.0f ops/s  (drift check)%n", "raw PKCS#11, again", again);
    }
}
