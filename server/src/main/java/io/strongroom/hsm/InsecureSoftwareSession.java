package io.strongroom.hsm;

import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A session on the INSECURE software HSM: the same semantics as a PKCS#11 session, in process memory. */
final class InsecureSoftwareSession implements HsmSession {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong HANDLES = new AtomicLong(1);
    private static final byte OAEP_SHA256 = 2;

    private final InsecureSoftwareToken token;
    private final long load;
    private final Map<Long, String> tokenObjects = new HashMap<>();
    private final Map<Long, PrivateKey> transportKeys = new HashMap<>();
    private final Map<Long, SoftwareKey> sessionKeys = new HashMap<>();
    private boolean closed;

    InsecureSoftwareSession(InsecureSoftwareToken token) {
        this.token = token;
        this.load = token.load();
    }

    /** Every operation starts here: a closed session, or one from before a reload, is refused as a PKCS#11 one would be. */
    private ObjectNode keys() throws HsmException {
        if (closed) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the session is closed");
        }
        if (token.load() != load) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the session on token '" + token.location().tokenLabel()
                    + "' ended when its module was reloaded; log in again");
        }
        return (ObjectNode) token.read().get("keys");
    }

    private ObjectNode keyOf(KeyHandle handle) throws HsmException {
        String label = tokenObjects.get(handle.objectHandle());
        ObjectNode key = label == null ? null : (ObjectNode) keys().get(label);
        if (key == null) {
            throw new HsmException(HsmFailure.KEY_NOT_FOUND, "no key object " + handle.objectHandle(), "CKR_OBJECT_HANDLE_INVALID");
        }
        return key;
    }

    private KeyHandle handleFor(String label) {
        long handle = HANDLES.getAndIncrement();
        tokenObjects.put(handle, label);
        return new KeyHandle(handle, label);
    }

    @Override
    public Optional<KeyHandle> findSecretKey(String label) throws HsmException {
        return keys().has(label) ? Optional.of(handleFor(label)) : Optional.empty();
    }

    @Override
    public KeyHandle generateDomainKey(String label, boolean extractableForCeremony) throws HsmException {
        keys();
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        store(label, material, extractableForCeremony);
        Arrays.fill(material, (byte) 0);
        return handleFor(label);
    }

    private void store(String label, byte[] material, boolean extractable) throws HsmException {
        token.update(file -> {
            ObjectNode key = ((ObjectNode) file.get("keys")).putObject(label);
            key.put("material", Base64.getEncoder().encodeToString(material));
            key.put("extractable", extractable);
        });
    }

    @Override
    public void sealAgainstExtraction(KeyHandle handle) throws HsmException {
        keyOf(handle);
        token.update(file -> ((ObjectNode) file.get("keys").get(handle.label())).put("extractable", false));
    }

    private SecretKeySpec material(KeyHandle handle) throws HsmException {
        return new SecretKeySpec(Base64.getDecoder().decode(keyOf(handle).get("material").asText()), "AES");
    }

    @Override
    public String checkValue(KeyHandle handle) throws HsmException {
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.WRAP_MODE, material(handle));
            byte[] wrapped = cipher.wrap(new SecretKeySpec(new byte[32], "AES"));
            return HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(wrapped), 8));
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "check value failed: " + e.getMessage());
        }
    }

    @Override
    public TransportKey createTransportKey() throws HsmException {
        keys();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            long handle = HANDLES.getAndIncrement();
            transportKeys.put(handle, pair.getPrivate());
            return new TransportKey(new KeyHandle(handle, "transport"), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "transport key generation failed: " + e.getMessage());
        }
    }

    private static OAEPParameterSpec oaep(byte tag) {
        return tag == OAEP_SHA256
                ? new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT)
                : new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    }

    @Override
    public byte[] wrapForTransport(KeyHandle handle, PublicKey recipient) throws HsmException {
        if (!keyOf(handle).get("extractable").asBoolean()) {
            throw new HsmException(HsmFailure.INTERNAL, "key '" + handle.label() + "' is not extractable", "CKR_KEY_UNEXTRACTABLE");
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.WRAP_MODE, recipient, oaep(OAEP_SHA256));
            byte[] wrapped = cipher.wrap(material(handle));
            byte[] out = new byte[wrapped.length + 1];
            out[0] = OAEP_SHA256;
            System.arraycopy(wrapped, 0, out, 1, wrapped.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "wrapping failed: " + e.getMessage());
        }
    }

    @Override
    public KeyHandle unwrapDomainKey(String label, byte[] wrapped, TransportKey transportKey) throws HsmException {
        keys();
        PrivateKey privateKey = transportKeys.get(transportKey.privateKey().objectHandle());
        if (privateKey == null || wrapped.length < 2) {
            throw new HsmException(HsmFailure.KEY_NOT_FOUND, "unknown transport key or empty blob");
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.UNWRAP_MODE, privateKey, oaep(wrapped[0]));
            Key key = cipher.unwrap(Arrays.copyOfRange(wrapped, 1, wrapped.length), "AES", Cipher.SECRET_KEY);
            byte[] material = key.getEncoded();
            store(label, material, false);
            Arrays.fill(material, (byte) 0);
            return handleFor(label);
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "unwrapping failed", "CKR_WRAPPED_KEY_INVALID");
        }
    }

    @Override
    public void destroy(KeyHandle handle) throws HsmException {
        keys();
        if (transportKeys.remove(handle.objectHandle()) != null) {
            return;
        }
        SoftwareKey sessionKey = sessionKeys.remove(handle.objectHandle());
        if (sessionKey != null) {
            sessionKey.destroy();
            return;
        }
        keyOf(handle);
        token.update(file -> ((ObjectNode) file.get("keys")).remove(handle.label()));
        tokenObjects.remove(handle.objectHandle());
    }

    @Override
    public byte[] generateWrappedKey(KeyHandle domainKey, int bits) throws HsmException {
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException("AES keys are 128, 192 or 256 bits");
        }
        SecretKeySpec wrapping = material(domainKey);
        byte[] material = new byte[bits / 8];
        RANDOM.nextBytes(material);
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.WRAP_MODE, wrapping);
            return cipher.wrap(new SecretKeySpec(material, "AES"));
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "wrapping failed: " + e.getMessage());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public KeyHandle unwrapSessionKey(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        SoftwareKey key = unwrapIntoProcessMemory(domainKey, wrapped);
        long handle = HANDLES.getAndIncrement();
        sessionKeys.put(handle, key);
        return new KeyHandle(handle, "session-key");
    }

    @Override
    public SoftwareKey unwrapIntoProcessMemory(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        SecretKeySpec unwrapping = material(domainKey);
        byte[] material = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.UNWRAP_MODE, unwrapping);
            material = cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded();
            return SoftwareKey.copyOf(material);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new HsmException(HsmFailure.INTERNAL, "unwrapping failed", "CKR_WRAPPED_KEY_INVALID");
        } finally {
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
    }

    private SoftwareKey sessionKey(KeyHandle handle) throws HsmException {
        keys();
        SoftwareKey key = sessionKeys.get(handle.objectHandle());
        if (key == null) {
            throw new HsmException(HsmFailure.KEY_NOT_FOUND, "no key object " + handle.objectHandle(), "CKR_KEY_HANDLE_INVALID");
        }
        return key;
    }

    @Override
    public byte[] encryptGcm(KeyHandle key, byte[] iv, byte[] aad, byte[] plaintext) throws HsmException {
        return sessionKey(key).encryptGcm(iv, aad, plaintext);
    }

    @Override
    public byte[] decryptGcm(KeyHandle key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws HsmException {
        return sessionKey(key).decryptGcm(iv, aad, ciphertextAndTag);
    }

    @Override
    public byte[] encryptBlocks(KeyHandle key, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        return sessionKey(key).encryptBlocks(mode, iv, blocks);
    }

    @Override
    public byte[] decryptBlocks(KeyHandle key, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        return sessionKey(key).decryptBlocks(mode, iv, blocks);
    }

    private static HsmException noKeyPairs() {
        return new HsmException(HsmFailure.MECHANISM_UNSUPPORTED, "the insecure software HSM offers AES keys only:"
                + " RSA, EC and HMAC keys need a PKCS#11 HSM (SoftHSM2 in development)");
    }

    @Override
    public WrappedKeyPair generateWrappedKeyPair(KeyHandle domainKey, KeyPairSpec spec) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public KeyHandle unwrapPrivateKey(KeyHandle domainKey, KeyPairSpec spec, byte[] wrapped, boolean signing) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public SoftwarePrivateKey unwrapPrivateKeyIntoProcessMemory(KeyHandle domainKey, KeyPairSpec spec, byte[] wrapped)
            throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public KeyHandle importPublicKey(KeyPairSpec spec, byte[] publicKey) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public byte[] sign(KeyHandle privateKey, SignatureAlgorithm algorithm, byte[] digest) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public boolean verify(KeyHandle publicKey, SignatureAlgorithm algorithm, byte[] digest, byte[] signature) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public byte[] decryptOaepSha1(KeyHandle privateKey, byte[] ciphertext) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public byte[] decryptOaepSha256(KeyHandle privateKey, byte[] ciphertext) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public byte[] generateWrappedHmacKey(KeyHandle domainKey, int bytes) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public KeyHandle unwrapHmacKey(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public SoftwareHmacKey unwrapHmacKeyIntoProcessMemory(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public byte[] hmac(KeyHandle key, HmacAlgorithm algorithm, byte[] message) throws HsmException {
        throw noKeyPairs();
    }

    @Override
    public byte[] generateRandom(int length) throws HsmException {
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive");
        }
        keys();
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }

    @Override
    public void close() {
        closed = true;
        tokenObjects.clear();
        transportKeys.clear();
        sessionKeys.values().forEach(SoftwareKey::destroy);
        sessionKeys.clear();
    }
}
