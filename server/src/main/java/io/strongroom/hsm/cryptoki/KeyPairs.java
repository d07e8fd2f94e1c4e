package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.EcdsaSignature;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.KeyPairSpec;
import io.strongroom.hsm.SignatureAlgorithm;
import io.strongroom.hsm.WrappedKeyPair;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Customer key pairs in a PKCS#11 session, for use inside a {@link CryptokiModule.Call}. A pair
 * is generated as session objects; the private key leaves the token only wrapped by the domain
 * key (CKM_AES_KEY_WRAP_PAD over its PKCS#8 encoding) and both objects are destroyed at once.
 * Signatures are made over a SHA-256 digest: CKM_ECDSA, CKM_RSA_PKCS over the DigestInfo, and
 * CKM_RSA_PKCS_PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
 */
final class KeyPairs {
    private static final int PSS_SALT_BYTES = 32;

    private KeyPairs() {
    }

    static WrappedKeyPair generate(Cryptoki library, Arena arena, long session, long domainKey, KeyPairSpec spec) throws HsmException {
        Template publicTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_VERIFY, true);
        if (spec.isRsa()) {
            publicTemplate.ulong(Ck.CKA_MODULUS_BITS, spec.rsaBits()).bytes(Ck.CKA_PUBLIC_EXPONENT, new byte[]{1, 0, 1});
        } else {
            publicTemplate.bytes(Ck.CKA_EC_PARAMS, spec.curve());
        }
        // Extractable only to be wrapped; sensitive, so never readable in clear.
        Template privateTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true)
                .bool(Ck.CKA_SENSITIVE, true).bool(Ck.CKA_EXTRACTABLE, true).bool(Ck.CKA_SIGN, false)
                .bool(Ck.CKA_DECRYPT, false).bool(Ck.CKA_UNWRAP, false).bool(Ck.CKA_DERIVE, false);
        MemorySegment publicKey = arena.allocate(JAVA_LONG);
        MemorySegment privateKey = arena.allocate(JAVA_LONG);
        long mechanism = spec.isRsa() ? Ck.CKM_RSA_PKCS_KEY_PAIR_GEN : Ck.CKM_EC_KEY_PAIR_GEN;
        long rv = library.generateKeyPair(session, Mechanisms.of(arena, mechanism), publicTemplate.segment(), publicTemplate.count(),
                privateTemplate.segment(), privateTemplate.count(), publicKey, privateKey);
        if (rv == Ck.CKR_CURVE_NOT_SUPPORTED || rv == Ck.CKR_MECHANISM_INVALID) {
            throw new HsmException(HsmFailure.MECHANISM_UNSUPPORTED, "the token cannot generate " + spec + " key pairs", Ck.name(rv));
        }
        Failures.check("C_GenerateKeyPair", rv);
        long publicHandle = publicKey.get(JAVA_LONG, 0);
        long privateHandle = privateKey.get(JAVA_LONG, 0);
        try {
            byte[] encodedPublic = publicKey(library, arena, session, publicHandle, spec);
            byte[] wrapped = Operations.wrap(library, arena, session, Mechanisms.of(arena, Ck.CKM_AES_KEY_WRAP_PAD), domainKey, privateHandle);
            return new WrappedKeyPair(wrapped, encodedPublic);
        } finally {
            library.destroyObject(session, privateHandle);
            library.destroyObject(session, publicHandle);
        }
    }

    private static byte[] publicKey(Cryptoki library, Arena arena, long session, long handle, KeyPairSpec spec) throws HsmException {
        if (!spec.isRsa()) {
            byte[] point = Operations.attribute(library, arena, session, handle, Ck.CKA_EC_POINT);
            // PKCS#11 says DER OCTET STRING; some tokens give the bare point.
            boolean wrappedInOctetString = point.length == KeyPairSpec.EC_POINT_BYTES + 2 && point[0] == 0x04;
            return spec.ecPublicKey(wrappedInOctetString ? Arrays.copyOfRange(point, 2, point.length) : point);
        }
        BigInteger modulus = new BigInteger(1, Operations.attribute(library, arena, session, handle, Ck.CKA_MODULUS));
        BigInteger exponent = new BigInteger(1, Operations.attribute(library, arena, session, handle, Ck.CKA_PUBLIC_EXPONENT));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "the token returned an unusable RSA public key");
        }
    }

    /** Unwraps a private key as a session object: sensitive, never extractable, to sign or (RSA only) to decrypt. */
    static long unwrapPrivate(Cryptoki library, Arena arena, long session, long domainKey, KeyPairSpec spec, byte[] wrapped,
                              boolean signing) throws HsmException {
        Template template = new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY)
                .ulong(Ck.CKA_KEY_TYPE, spec.isRsa() ? Ck.CKK_RSA : Ck.CKK_EC).bool(Ck.CKA_TOKEN, false)
                .bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, true).bool(Ck.CKA_EXTRACTABLE, false)
                .bool(Ck.CKA_SIGN, signing).bool(Ck.CKA_DECRYPT, !signing).bool(Ck.CKA_UNWRAP, false).bool(Ck.CKA_DERIVE, false);
        return unwrap(library, arena, session, domainKey, wrapped, template);
    }

    static long unwrap(Cryptoki library, Arena arena, long session, long domainKey, byte[] wrapped, Template template) throws HsmException {
        MemorySegment blob = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, wrapped.length == 0 ? new byte[1] : wrapped);
        MemorySegment key = arena.allocate(JAVA_LONG);
        Failures.check("C_UnwrapKey", library.unwrapKey(session, Mechanisms.of(arena, Ck.CKM_AES_KEY_WRAP_PAD),
                domainKey, blob, wrapped.length, template.segment(), template.count(), key));
        return key.get(JAVA_LONG, 0);
    }

    /** Imports a public key (X.509 SubjectPublicKeyInfo) as a session object that verifies and encrypts. */
    static long importPublic(Cryptoki library, Arena arena, long session, KeyPairSpec spec, byte[] publicKey) throws HsmException {
        Template template = new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY).bool(Ck.CKA_TOKEN, false)
                .bool(Ck.CKA_VERIFY, true);
        try {
            if (spec.isRsa()) {
                RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey));
                template.ulong(Ck.CKA_KEY_TYPE, Ck.CKK_RSA).bool(Ck.CKA_ENCRYPT, true)
                        .bytes(Ck.CKA_MODULUS, unsigned(rsa.getModulus())).bytes(Ck.CKA_PUBLIC_EXPONENT, unsigned(rsa.getPublicExponent()));
            } else {
                byte[] point = spec.ecPoint(publicKey);
                byte[] octetString = new byte[point.length + 2];
                octetString[0] = 0x04;
                octetString[1] = (byte) point.length;
                System.arraycopy(point, 0, octetString, 2, point.length);
                template.ulong(Ck.CKA_KEY_TYPE, Ck.CKK_EC).bytes(Ck.CKA_EC_PARAMS, spec.curve()).bytes(Ck.CKA_EC_POINT, octetString);
            }
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new HsmException(HsmFailure.INTERNAL, "not a " + spec + " public key");
        }
        MemorySegment object = arena.allocate(JAVA_LONG);
        Failures.check("C_CreateObject", library.createObject(session, template.segment(), template.count(), object));
        return object.get(JAVA_LONG, 0);
    }

    static byte[] sign(Cryptoki library, Arena arena, long session, long privateKey, SignatureAlgorithm algorithm, byte[] digest)
            throws HsmException {
        byte[] signature = Operations.sign(library, arena, session, mechanism(arena, algorithm), privateKey, input(algorithm, digest));
        return algorithm == SignatureAlgorithm.ECDSA_SHA_256 ? EcdsaSignature.toDer(signature) : signature;
    }

    /** False for a signature that does not verify, including a malformed one. */
    static boolean verify(Cryptoki library, Arena arena, long session, long publicKey, SignatureAlgorithm algorithm, byte[] digest,
                          byte[] signature) throws HsmException {
        Optional<byte[]> raw = algorithm == SignatureAlgorithm.ECDSA_SHA_256 ? EcdsaSignature.toRaw(signature) : Optional.of(signature);
        if (raw.isEmpty() || raw.get().length == 0) {
            return false;
        }
        return Operations.verify(library, arena, session, mechanism(arena, algorithm), publicKey, input(algorithm, digest), raw.get());
    }

    private static MemorySegment mechanism(Arena arena, SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ECDSA_SHA_256 -> Mechanisms.of(arena, Ck.CKM_ECDSA);
            case RSA_PKCS1_SHA_256 -> Mechanisms.of(arena, Ck.CKM_RSA_PKCS);
            case RSA_PSS_SHA_256 -> Mechanisms.pss(arena, Ck.CKM_RSA_PKCS_PSS, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256, PSS_SALT_BYTES);
        };
    }

    private static byte[] input(SignatureAlgorithm algorithm, byte[] digest) {
        if (digest.length != SignatureAlgorithm.DIGEST_BYTES) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        return algorithm == SignatureAlgorithm.RSA_PKCS1_SHA_256 ? SignatureAlgorithm.sha256DigestInfo(digest) : digest;
    }

    /**
     * The raw RSA private-key operation (CKM_RSA_X_509) on a decryption key: c^d mod n as k bytes
     * (k the modulus length), for a padding decoded outside the token. A ciphertext that is not
     * k bytes, or not below n, is refused before the token sees it: both are checks on public values.
     */
    static byte[] rawRsaDecrypt(Cryptoki library, Arena arena, long session, long privateKey, byte[] ciphertext) throws HsmException {
        BigInteger modulus = new BigInteger(1, Operations.attribute(library, arena, session, privateKey, Ck.CKA_MODULUS));
        int k = (modulus.bitLength() + 7) / 8;
        if (ciphertext.length != k || new BigInteger(1, ciphertext).compareTo(modulus) >= 0) {
            throw new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted");
        }
        byte[] raw = Operations.decrypt(library, arena, session, Mechanisms.of(arena, Ck.CKM_RSA_X_509), privateKey, ciphertext);
        if (raw.length > k) {
            throw new HsmException(HsmFailure.INTERNAL, "the token's raw RSA output is longer than the modulus");
        }
        byte[] encoded = new byte[k];
        System.arraycopy(raw, 0, encoded, k - raw.length, raw.length);
        Arrays.fill(raw, (byte) 0);
        return encoded;
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
