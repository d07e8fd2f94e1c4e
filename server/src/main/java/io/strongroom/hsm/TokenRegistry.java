package io.strongroom.hsm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** Opens each token once and hands the same {@link HsmToken} to every user of that location. */
public final class TokenRegistry implements AutoCloseable {
    private final Duration callTimeout;
    private final Map<TokenLocation, HsmToken> tokens = new ConcurrentHashMap<>();

    public TokenRegistry(Duration callTimeout) {
        this.callTimeout = requireNonNull(callTimeout, "callTimeout");
    }

    public HsmToken token(TokenLocation location) {
        return tokens.computeIfAbsent(location, where -> HsmTokens.open(where, callTimeout));
    }

    @Override
    public void close() {
        tokens.values().forEach(HsmToken::close);
        tokens.clear();
    }
}
