package io.strongroom.key;

import java.util.Optional;

/**
 * Which key version one request used, for its audit record, without any handler carrying it: the
 * request pipeline runs the request inside {@link #observe}, and this package notes every version
 * it picks for a cryptographic operation (the initial or primary version, the version an envelope
 * names, the version that verified or decrypted) or makes (create, rotate). When a request notes
 * several, the last one stands: each action picks its version once, after any lookup.
 *
 * <p>Outside {@link #observe} (scheduled rotation, audit signing) noting does nothing. A version is
 * an identifier, never key material.
 */
public final class KeyVersionUse {
    private static final ScopedValue<KeyVersionUse> CURRENT = ScopedValue.newInstance();

    private volatile String keyVersionId;

    /** Runs {@code request} with the versions it uses noted here. */
    public <T, X extends Throwable> T observe(ScopedValue.CallableOp<? extends T, X> request) throws X {
        return ScopedValue.where(CURRENT, this).call(request);
    }

    /** The version the request used last, if it used one. */
    public Optional<String> keyVersionId() {
        return Optional.ofNullable(keyVersionId);
    }

    /** Notes {@code version} for the request being observed, if any; returns it. */
    static KeyVersion note(KeyVersion version) {
        if (CURRENT.isBound()) {
            CURRENT.get().keyVersionId = version.keyVersionId();
        }
        return version;
    }
}
