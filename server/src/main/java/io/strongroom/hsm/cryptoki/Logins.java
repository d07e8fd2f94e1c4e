package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The crypto user's login state on each token of one module load.
 *
 * <p>PKCS#11 keeps one login state per token per application, not per session: once one
 * session is logged in, C_Login on another answers CKR_USER_ALREADY_LOGGED_IN without looking
 * at the PIN (SoftHSM2 does exactly this), and C_Logout logs out every session. So a second
 * login on a logged-in token is checked here against a salted PBKDF2 hash of the PIN that
 * logged it in (never the PIN itself), and C_Logout is never called: closing the last session
 * on a token returns it to the public state (PKCS#11 C_CloseSession), and closing any other
 * leaves its siblings logged in.
 */
final class Logins {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 10_000;

    private final Map<Long, Login> bySlot = new HashMap<>();

    /** One logged-in token: how many of our sessions are open on it, and who logged it in. */
    private static final class Login {
        private final byte[] salt = new byte[16];
        private final byte[] hash;
        private int sessions;

        Login(char[] pin) {
            RANDOM.nextBytes(salt);
            hash = hash(pin, salt);
        }

        boolean matches(char[] pin) {
            return MessageDigest.isEqual(hash, hash(pin, salt));
        }
    }

    /** Opens a read/write session on the slot, logged in as the crypto user. One C_Login at most: never retried. */
    synchronized long open(Cryptoki library, Arena arena, long slot, char[] pin, String label) throws HsmException {
        Login login = bySlot.get(slot);
        if (login != null && !login.matches(pin)) {
            throw new HsmException(HsmFailure.INVALID_CREDENTIALS,
                    "token '" + label + "' refused the PIN: it is not the PIN the token is logged in with");
        }
        MemorySegment handle = arena.allocate(JAVA_LONG);
        Failures.check("C_OpenSession", library.openSession(slot, Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION, handle));
        long session = handle.get(JAVA_LONG, 0);
        if (login == null) {
            try {
                login = logIn(library, arena, session, pin, label);
            } catch (HsmException e) {
                library.closeSession(session);
                throw e;
            }
            bySlot.put(slot, login);
        }
        login.sessions++;
        return session;
    }

    private static Login logIn(Cryptoki library, Arena arena, long session, char[] pin, String label) throws HsmException {
        MemorySegment bytes = Pins.of(arena, pin);
        try {
            long rv = library.login(session, Ck.CKU_USER, bytes, bytes.byteSize());
            if (rv == Ck.CKR_USER_ALREADY_LOGGED_IN) {
                // Logged in by a session we no longer track (its close timed out): that login proves
                // nothing about this PIN, so log out and let the token check it. Not a retry: the
                // token has not judged this PIN yet.
                library.logout(session);
                rv = library.login(session, Ck.CKU_USER, bytes, bytes.byteSize());
            }
            Failures.check("C_Login to token '" + label + "'", rv);
            return new Login(pin);
        } finally {
            Pins.wipe(bytes);
        }
    }

    /** Closes one of our sessions; the last one on a token logs the token out. */
    synchronized void close(Cryptoki library, long slot, long session) {
        library.closeSession(session);
        Login login = bySlot.get(slot);
        if (login != null && --login.sessions <= 0) {
            bySlot.remove(slot);
        }
    }

    private static byte[] hash(char[] pin, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }
}
