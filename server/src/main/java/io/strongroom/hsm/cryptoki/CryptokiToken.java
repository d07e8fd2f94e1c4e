package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.HsmToken;
import io.strongroom.hsm.TokenInfo;
import io.strongroom.hsm.TokenLocation;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A token reached through a PKCS#11 module, selected by its label (never by slot index). Every
 * call runs on the module's threads within the call timeout. Logging in first reads the token's
 * flags: a token that reports its user PIN locked is not sent a login at all.
 */
public final class CryptokiToken implements HsmToken {
    private final TokenLocation location;
    private final CryptokiModule module;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CryptokiToken(TokenLocation location, CryptokiModule module) {
        this.location = location;
        this.module = module;
    }

    public static CryptokiToken open(TokenLocation location, Duration callTimeout) {
        return new CryptokiToken(location, CryptokiModule.acquire(Path.of(location.modulePath()), callTimeout));
    }

    @Override
    public TokenLocation location() {
        return location;
    }

    @Override
    public TokenInfo probe() throws HsmException {
        return module.call("looking for token '" + location.tokenLabel() + "'",
                (library, arena) -> Slots.require(library, arena, location.tokenLabel(), location.modulePath()).info());
    }

    @Override
    public HsmSession login(char[] pin) throws HsmException {
        return module.call("logging in to token '" + location.tokenLabel() + "'", (library, arena) -> {
            Slots.Found token = Slots.require(library, arena, location.tokenLabel(), location.modulePath());
            if (token.info().userPinLocked()) {
                throw new HsmException(HsmFailure.USER_LOCKED_OUT, "token '" + location.tokenLabel() + "' reports the user PIN locked", "CKF_USER_PIN_LOCKED");
            }
            Logins logins = module.logins();
            long session = logins.open(library, arena, token.slot(), pin, location.tokenLabel());
            return new CryptokiSession(module, module.generation(), logins, token.slot(), session, location.tokenLabel());
        });
    }

    @Override
    public void reload() throws HsmException {
        module.reload();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            module.release();
        }
    }

    /** Initialises a new token on a free slot and sets its user PIN; then reloads so a new free slot appears. */
    public static void initialize(TokenLocation location, char[] soPin, char[] userPin, Duration callTimeout) throws HsmException {
        CryptokiModule module = CryptokiModule.acquire(Path.of(location.modulePath()), callTimeout);
        try {
            module.call("initialising token '" + location.tokenLabel() + "'", (library, arena) -> {
                if (Slots.byLabel(library, arena, location.tokenLabel()).isPresent()) {
                    throw new HsmException(HsmFailure.INTERNAL, "a token labelled '" + location.tokenLabel() + "' exists already");
                }
                long slot = Slots.free(library, arena).orElseThrow(() -> new HsmException(HsmFailure.UNREACHABLE,
                        "no free slot for a new token in " + location.modulePath()));
                MemorySegment so = Pins.of(arena, soPin);
                long rv = library.initToken(slot, so, so.byteSize(), Slots.paddedLabel(arena, location.tokenLabel()));
                Pins.wipe(so);
                Failures.check("C_InitToken", rv);
                return null;
            });
            // SoftHSM2 moves an initialised token to a new slot only when the module is loaded again.
            module.reload();
            module.call("setting the user PIN of '" + location.tokenLabel() + "'", (library, arena) -> {
                Slots.Found token = Slots.require(library, arena, location.tokenLabel(), location.modulePath());
                MemorySegment handle = arena.allocate(JAVA_LONG);
                Failures.check("C_OpenSession", library.openSession(token.slot(), Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION, handle));
                long session = handle.get(JAVA_LONG, 0);
                try {
                    MemorySegment so = Pins.of(arena, soPin);
                    long rv = library.login(session, Ck.CKU_SO, so, so.byteSize());
                    Pins.wipe(so);
                    Failures.check("C_Login as SO", rv);
                    MemorySegment user = Pins.of(arena, userPin);
                    rv = library.initPin(session, user, user.byteSize());
                    Pins.wipe(user);
                    Failures.check("C_InitPIN", rv);
                    library.logout(session);
                } finally {
                    library.closeSession(session);
                }
                return null;
            });
            module.reload();
        } finally {
            module.release();
        }
    }
}
