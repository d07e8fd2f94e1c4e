package io.strongroom.hsm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.platform.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The INSECURE in-process software HSM: a development fallback for machines without any
 * PKCS#11 module. Keys live in a file in plain form (mode 0600) and are used in this process's
 * memory: nothing here is protected by hardware. It exists so the product runs everywhere; it
 * logs a warning whenever a token is opened, and passes the same contract tests as SoftHSM2.
 */
public final class InsecureSoftwareToken implements HsmToken {
    private static final Logger LOG = LoggerFactory.getLogger(InsecureSoftwareToken.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Each directory (this fallback's "module") counts its reloads; a reload ends the sessions opened before it. */
    private static final ConcurrentMap<Path, AtomicLong> LOADS = new ConcurrentHashMap<>();
    /** Serialises read-modify-write of token files: a development fallback needs no finer locking. */
    private static final Object FILES = new Object();

    private final TokenLocation location;
    private final Path file;

    private InsecureSoftwareToken(TokenLocation location) {
        this.location = location;
        this.file = fileOf(location);
    }

    public static InsecureSoftwareToken open(TokenLocation location) {
        LOG.warn("*** Opening token '{}' of the INSECURE in-process software HSM: keys are NOT protected by hardware. "
                + "Use a PKCS#11 HSM (SoftHSM2 at least) for anything but development. ***", location.tokenLabel());
        return new InsecureSoftwareToken(location);
    }

    private static Path fileOf(TokenLocation location) {
        String directory = location.modulePath().substring(TokenLocation.INSECURE_SOFTWARE_PREFIX.length());
        return Path.of(directory).resolve(location.tokenLabel().replaceAll("[^A-Za-z0-9._-]", "_") + ".token.json");
    }

    static void initialize(TokenLocation location, char[] userPin) throws HsmException {
        Path file = fileOf(location);
        if (Files.exists(file)) {
            throw new HsmException(HsmFailure.INTERNAL, "a token labelled '" + location.tokenLabel() + "' exists already");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        ObjectNode token = JSON.createObjectNode();
        token.put("label", location.tokenLabel());
        token.put("serial", Long.toHexString(RANDOM.nextLong()));
        token.put("salt", Base64.getEncoder().encodeToString(salt));
        token.put("pinHash", Base64.getEncoder().encodeToString(pinHash(userPin, salt)));
        token.putObject("keys");
        write(file, token);
    }

    static byte[] pinHash(char[] pin, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(pin, salt, 100_000, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return hash;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode read() throws HsmException {
        try {
            if (!Files.exists(file)) {
                throw new HsmException(HsmFailure.UNREACHABLE, "no token labelled '" + location.tokenLabel()
                        + "' in the insecure software HSM at " + file.getParent());
            }
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the token file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Reads the token file, applies a change and writes it back, atomically with respect to other changes in this process. */
    void update(Change change) throws HsmException {
        synchronized (FILES) {
            ObjectNode token = read();
            change.apply(token);
            write(file, token);
        }
    }

    @FunctionalInterface
    interface Change {
        void apply(ObjectNode token) throws HsmException;
    }

    /** How many times this token's directory has been reloaded. */
    long load() {
        return LOADS.computeIfAbsent(file.getParent(), directory -> new AtomicLong()).get();
    }

    private static void write(Path file, ObjectNode token) {
        DataDirectory.writeSecret(file, token.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public TokenLocation location() {
        return location;
    }

    @Override
    public TokenInfo probe() throws HsmException {
        ObjectNode token = read();
        return new TokenInfo(location.tokenLabel(), "Strongroom", "INSECURE software HSM", token.get("serial").asText(),
                true, false, false);
    }

    @Override
    public HsmSession login(char[] pin) throws HsmException {
        ObjectNode token = read();
        byte[] expected = Base64.getDecoder().decode(token.get("pinHash").asText());
        byte[] presented = pinHash(pin, Base64.getDecoder().decode(token.get("salt").asText()));
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new HsmException(HsmFailure.INVALID_CREDENTIALS, "token '" + location.tokenLabel() + "' refused the PIN", "CKR_PIN_INCORRECT");
        }
        return new InsecureSoftwareSession(this);
    }

    /** Nothing is cached (every call reads the token file); like a module reload, it ends every session in the directory. */
    @Override
    public void reload() {
        LOADS.computeIfAbsent(file.getParent(), directory -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void close() {
    }
}
