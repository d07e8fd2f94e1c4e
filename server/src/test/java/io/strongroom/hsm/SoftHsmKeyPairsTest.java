package io.strongroom.hsm;

import io.strongroom.testing.SoftHsm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Key pairs and HMAC keys on SoftHSM2 through our binding: generated and wrapped in the token,
 * used there and in process memory, checked against the JDK; then Wycheproof's vectors through
 * the token and RFC 4231's HMAC cases through the token and memory (test keys wrapped under a
 * domain key the test knows).
 */
class SoftHsmKeyPairsTest {
    static final char[] PIN = "keypairs-pin-1".toCharArray();
    static HsmToken token;
    static HsmSession session;
    static byte[] domainMaterial;
    static KeyHandle domainKey;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        token = HsmTokens.open(SoftHsm.newToken("keypairs", PIN), Duration.ofSeconds(30));
        session = token.login(PIN.clone());
        domainMaterial = AesKeyContract.randomKey();
        domainKey = AesKeyContract.importDomainKey(session, "domain", domainMaterial);
    }

    @AfterAll
    static void close() throws Exception {
        if (session != null) {
            session.close();
            token.close();
        }
    }

    static byte[] sha256(byte[] message) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(message);
    }

    static List<SignatureAlgorithm> algorithmsOf(KeyPairSpec spec) {
        return spec.isRsa() ? List.of(SignatureAlgorithm.RSA_PSS_SHA_256, SignatureAlgorithm.RSA_PKCS1_SHA_256)
                : List.of(SignatureAlgorithm.ECDSA_SHA_256);
    }

    @ParameterizedTest
    @EnumSource(KeyPairSpec.class)
    void generateWrappedKeyPair_signInTheToken_verifiesInTheTokenAndWithTheJdk(KeyPairSpec spec) throws Exception {
        WrappedKeyPair pair = session.generateWrappedKeyPair(domainKey, spec);
        KeyHandle privateKey = session.unwrapPrivateKey(domainKey, spec, pair.wrappedPrivateKey(), true);
        KeyHandle publicKey = session.importPublicKey(spec, pair.publicKey());
        byte[] digest = sha256("hello".getBytes(StandardCharsets.UTF_8));
        for (SignatureAlgorithm algorithm : algorithmsOf(spec)) {
            byte[] signature = session.sign(privateKey, algorithm, digest);
            assertThat(session.verify(publicKey, algorithm, digest, signature)).as(algorithm.name()).isTrue();
            assertThat(session.verify(publicKey, algorithm, sha256(new byte[]{1}), signature)).as(algorithm.name()).isFalse();
            if (spec != KeyPairSpec.EC_P256K) {
                assertThat(jdkVerifies(spec, pair.publicKey(), algorithm, "hello".getBytes(StandardCharsets.UTF_8), signature))
                        .as(algorithm.name()).isTrue();
            }
        }
        session.destroy(privateKey);
        session.destroy(publicKey);
    }

    @ParameterizedTest
    @EnumSource(value = KeyPairSpec.class, names = {"RSA_2048", "EC_P256"})
    void unwrapPrivateKeyIntoProcessMemory_signs_verifiesInTheToken(KeyPairSpec spec) throws Exception {
        WrappedKeyPair pair = session.generateWrappedKeyPair(domainKey, spec);
        SoftwarePrivateKey software = session.unwrapPrivateKeyIntoProcessMemory(domainKey, spec, pair.wrappedPrivateKey());
        KeyHandle publicKey = session.importPublicKey(spec, pair.publicKey());
        byte[] digest = sha256(new byte[]{42});
        for (SignatureAlgorithm algorithm : algorithmsOf(spec)) {
            byte[] signature = software.sign(algorithm, digest);
            assertThat(session.verify(publicKey, algorithm, digest, signature)).as(algorithm.name()).isTrue();
            assertThat(jdkVerifies(spec, pair.publicKey(), algorithm, new byte[]{42}, signature)).as(algorithm.name()).isTrue();
        }
        assertThat(software.toString()).doesNotContain(pair.publicKey().toString());
        software.destroy();
        assertThat(HsmTokenContract.failureOf(() -> software.sign(algorithmsOf(spec).getFirst(), digest))).isEqualTo(HsmFailure.UNREACHABLE);
    }

    @Test
    void decryptOaepSha1_jdkCiphertext_roundTrips_inTheTokenAndInMemory() throws Exception {
        WrappedKeyPair pair = session.generateWrappedKeyPair(domainKey, KeyPairSpec.RSA_2048);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pair.publicKey())),
                new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        byte[] ciphertext = cipher.doFinal("secret".getBytes(StandardCharsets.UTF_8));
        KeyHandle privateKey = session.unwrapPrivateKey(domainKey, KeyPairSpec.RSA_2048, pair.wrappedPrivateKey(), false);
        assertThat(session.decryptOaepSha1(privateKey, ciphertext)).asString().isEqualTo("secret");
        ciphertext[10] ^= 1;
        assertThat(HsmTokenContract.failureOf(() -> session.decryptOaepSha1(privateKey, ciphertext))).isEqualTo(HsmFailure.DECRYPTION_FAILED);
        assertThat(HsmTokenContract.failureOf(() -> session.sign(privateKey, SignatureAlgorithm.RSA_PKCS1_SHA_256, new byte[32])))
                .as("a decryption key does not sign").isEqualTo(HsmFailure.INTERNAL);
    }

    @Test
    void decryptOaepSha256_jdkCiphertext_decryptsInTheToken_tamperedOrForeignCiphertextsFailAlike() throws Exception {
        WrappedKeyPair pair = session.generateWrappedKeyPair(domainKey, KeyPairSpec.RSA_2048);
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pair.publicKey()));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        byte[] ciphertext = cipher.doFinal("secret".getBytes(StandardCharsets.UTF_8));
        KeyHandle privateKey = session.unwrapPrivateKey(domainKey, KeyPairSpec.RSA_2048, pair.wrappedPrivateKey(), false);
        assertThat(session.decryptOaepSha256(privateKey, ciphertext)).asString().isEqualTo("secret");
        SoftwarePrivateKey inMemory = session.unwrapPrivateKeyIntoProcessMemory(domainKey, KeyPairSpec.RSA_2048, pair.wrappedPrivateKey());
        assertThat(inMemory.decryptOaep("SHA-256", ciphertext)).asString().isEqualTo("secret");

        byte[] flipped = ciphertext.clone();
        flipped[100] ^= 1;
        byte[] overModulus = new byte[256];
        Arrays.fill(overModulus, (byte) 0xff);
        cipher.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                PSource.PSpecified.DEFAULT));
        byte[] sha1 = cipher.doFinal("secret".getBytes(StandardCharsets.UTF_8));
        for (byte[] bad : List.of(flipped, overModulus, new byte[256], Arrays.copyOf(ciphertext, 255), sha1)) {
            assertThat(HsmTokenContract.failureOf(() -> session.decryptOaepSha256(privateKey, bad))).isEqualTo(HsmFailure.DECRYPTION_FAILED);
        }
        inMemory.destroy();
        session.destroy(privateKey);
    }

    @ParameterizedTest
    @EnumSource(HmacAlgorithm.class)
    void hmac_inTheTokenAndInMemory_matchTheJdk(HmacAlgorithm algorithm) throws Exception {
        byte[] material = new byte[algorithm.macBytes()];
        new SecureRandom().nextBytes(material);
        byte[] wrapped = AesKeyContract.wrapBytes(domainMaterial, material);
        byte[] message = "message".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance(algorithm.jdkName());
        mac.init(new SecretKeySpec(material, algorithm.jdkName()));
        byte[] expected = mac.doFinal(message);
        assertThat(expected).hasSize(algorithm.macBytes());
        assertThat(session.hmac(session.unwrapHmacKey(domainKey, wrapped), algorithm, message)).isEqualTo(expected);
        assertThat(session.unwrapHmacKeyIntoProcessMemory(domainKey, wrapped).hmac(algorithm, message)).isEqualTo(expected);
        byte[] generated = session.generateWrappedHmacKey(domainKey, algorithm.macBytes());
        assertThat(session.hmac(session.unwrapHmacKey(domainKey, generated), algorithm, message))
                .isEqualTo(session.unwrapHmacKeyIntoProcessMemory(domainKey, generated).hmac(algorithm, message))
                .hasSize(algorithm.macBytes()).isNotEqualTo(expected);
    }

    @Test
    void rfc4231_hmacSha224To512_inTheTokenAndInMemory_everyCaseAsExpected() throws Exception {
        assertThat(Rfc4231Vectors.failures(session, domainKey, domainMaterial)).isEmpty();
    }

    @Test
    void wycheproof_ecdsaP256_rsaPkcs1_rsaPss_rsaOaepSha1AndSha256_hmacSha256_everyVectorAsExpected() throws Exception {
        assertThat(KeyPairVectors.failures(session, domainKey, domainMaterial)).isEmpty();
    }

    static boolean jdkVerifies(KeyPairSpec spec, byte[] publicKey, SignatureAlgorithm algorithm, byte[] message, byte[] signature)
            throws Exception {
        PublicKey key = KeyFactory.getInstance(spec.isRsa() ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(publicKey));
        Signature verifier = switch (algorithm) {
            case ECDSA_SHA_256 -> Signature.getInstance("SHA256withECDSA");
            case RSA_PKCS1_SHA_256 -> Signature.getInstance("SHA256withRSA");
            case RSA_PSS_SHA_256 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
