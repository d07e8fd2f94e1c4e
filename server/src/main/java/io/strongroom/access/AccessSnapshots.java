package io.strongroom.access;


import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The access objects every endpoint request reads (its client key, its instance's access
 * points, policies and network rules), kept for at most {@code maxAge} so that a request costs
 * no store query for them. Guarantee: a change made through this node's {@link AccessRepository}
 * is seen by the next request (its change count moves); a change made by another node sharing the
 * store is seen within {@code maxAge}. Unknown client keys are never remembered, so a flood of
 * made-up ids cannot grow this.
 */
public final class AccessSnapshots {
    /** An instance's access points, policies and network rules, by name. */
    public record InstanceAccess(Map<String, AccessPoint> accessPoints, Map<String, Policy> policies, Map<String, NetworkRule> rules) {
    }

    private record Held<T>(T value, long loadedAt) {
    }

    private final AccessRepository access;
    private final long maxAgeNanos;
    private final Map<String, Held<ClientKey>> clientKeys = new ConcurrentHashMap<>();
    private final Map<String, Held<InstanceAccess>> instances = new ConcurrentHashMap<>();
    private volatile long changesSeen;

    public AccessSnapshots(AccessRepository access, Duration maxAge) {
        this.access = requireNonNull(access, "access");
        this.maxAgeNanos = maxAge.toNanos();
    }

    public Optional<ClientKey> clientKey(String clientKeyId) {
        return Optional.ofNullable(held(clientKeys, clientKeyId, id -> access.clientKey(id).orElse(null)));
    }

    public InstanceAccess instance(String instanceId) {
        return held(instances, instanceId, id -> new InstanceAccess(
                access.accessPoints(id).stream().collect(Collectors.toUnmodifiableMap(AccessPoint::name, Function.identity())),
                access.policies(id).stream().collect(Collectors.toUnmodifiableMap(Policy::name, Function.identity())),
                access.networkRules(id).stream().collect(Collectors.toUnmodifiableMap(NetworkRule::name, Function.identity()))));
    }

    private <T> T held(Map<String, Held<T>> copies, String id, Function<String, T> load) {
        long changes = access.changes();
        if (changes != changesSeen) {
            clientKeys.clear();
            instances.clear();
            changesSeen = changes;
        }
        long now = System.nanoTime();
        Held<T> copy = copies.get(id);
        if (copy != null && now - copy.loadedAt() < maxAgeNanos) {
            return copy.value();
        }
        T value = load.apply(id);
        if (value != null && access.changes() == changes) {
            copies.put(id, new Held<>(value, now));
        }
        return value;
    }
}
