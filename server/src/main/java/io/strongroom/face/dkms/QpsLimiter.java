package io.strongroom.face.dkms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instance's QPS spec as a token bucket: up to {@code spec} requests in any one second,
 * refilled continuously. Over it, the call is refused with 429 {@code Rejected.Throttling}.
 */
final class QpsLimiter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    boolean admit(String instanceId, int spec) {
        return buckets.computeIfAbsent(instanceId, id -> new Bucket()).take(spec, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens = -1;
        private long last;

        synchronized boolean take(int spec, long now) {
            if (tokens < 0) {
                tokens = spec;
                last = now;
            }
            tokens = Math.min(spec, tokens + (now - last) * spec / 1e9);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
