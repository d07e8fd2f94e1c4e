package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyPairRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyPairResponse;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyPairWithoutPlaintextRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyPairWithoutPlaintextResponse;
import com.aliyun.dkms.gcs.sdk.models.DecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairResponse;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairWithoutPlaintextRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairWithoutPlaintextResponse;
import com.aliyun.dkms.gcs.sdk.models.GetPublicKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.SignRequest;
import com.aliyun.dkms.gcs.sdk.models.SignResponse;
import com.aliyun.dkms.gcs.sdk.models.VerifyRequest;
import com.aliyun.tea.TeaException;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RSA and EC keys end to end with the official dedicated-KMS Java client over HTTPS: Sign and
 * Verify (checked with the JDK against GetPublicKey's key), RSA-OAEP Decrypt of JDK ciphertexts,
 * data key pairs, rotation, and the refusals of wrong keys and algorithms.
 */
class OfficialClientKeyPairsTest {
    private static final byte[] MESSAGE = "pay 100 to alice".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "order-42".getBytes(StandardCharsets.UTF_8);
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;
    static String instance;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
        client = ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String createKey(String spec, String usage, String protection) {
        TestServer.Response created = server.post("/api/v1/instances/" + instance + "/keys",
                "{\"KeySpec\":\"" + spec + "\",\"KeyUsage\":\"" + usage + "\",\"ProtectionLevel\":\"" + protection + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("KeyId");
    }

    static PublicKey publicKey(String keyId) throws Exception {
        String pem = client.getPublicKey(new GetPublicKeyRequest().setKeyId(keyId)).getPublicKey();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance(pem.length() > 300 ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(der));
    }

    static Signature jdkSignature(String algorithm) throws Exception {
        return switch (algorithm) {
            case "ECDSA_SHA_256" -> Signature.getInstance("SHA256withECDSA");
            case "RSA_PKCS1_SHA_256" -> Signature.getInstance("SHA256withRSA");
            default -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
    }

    static boolean jdkVerifies(PublicKey key, String algorithm, byte[] message, byte[] signature) throws Exception {
        Signature verifier = jdkSignature(algorithm);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    static boolean serverVerifies(String keyId, String algorithm, byte[] message, String messageType, byte[] signature) throws Exception {
        return client.verify(new VerifyRequest().setKeyId(keyId).setAlgorithm(algorithm).setMessage(message)
                .setMessageType(messageType).setSignature(signature)).getValue();
    }

    static String codeOf(OfficialClientKeysTest.ThrowingCall call) {
        try {
            call.run();
        } catch (TeaException e) {
            return e.getCode() + ": " + e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048, RSA_PSS_SHA_256, HSM", "RSA_2048, RSA_PKCS1_SHA_256, HSM", "EC_P256, ECDSA_SHA_256, HSM",
            "RSA_3072, RSA_PSS_SHA_256, SOFTWARE", "RSA_2048, RSA_PKCS1_SHA_256, SOFTWARE", "EC_P256, ECDSA_SHA_256, SOFTWARE"})
    void sign_rawAndDigest_verifyOnTheServerAndWithTheJdk(String spec, String algorithm, String protection) throws Exception {
        String keyId = createKey(spec, "SIGN/VERIFY", protection);
        PublicKey publicKey = publicKey(keyId);
        SignResponse raw = client.sign(new SignRequest().setKeyId(keyId).setAlgorithm(algorithm).setMessage(MESSAGE));
        assertThat(raw.getAlgorithm()).isEqualTo(algorithm);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
        byte[] overDigest = client.sign(new SignRequest().setKeyId(keyId).setAlgorithm(algorithm).setMessage(digest)
                .setMessageType("DIGEST")).getSignature();
        for (byte[] signature : new byte[][]{raw.getSignature(), overDigest}) {
            assertThat(jdkVerifies(publicKey, algorithm, MESSAGE, signature)).isTrue();
            assertThat(serverVerifies(keyId, algorithm, MESSAGE, "RAW", signature)).isTrue();
            assertThat(serverVerifies(keyId, algorithm, digest, "DIGEST", signature)).isTrue();
        }
        byte[] bad = raw.getSignature().clone();
        bad[bad.length - 5] ^= 1;
        assertThat(serverVerifies(keyId, algorithm, MESSAGE, "RAW", bad)).as("a bad signature is false, not an error").isFalse();
        assertThat(serverVerifies(keyId, algorithm, "other".getBytes(StandardCharsets.UTF_8), "RAW", raw.getSignature())).isFalse();
        assertThat(serverVerifies(keyId, algorithm, MESSAGE, "RAW", new byte[]{0x30, 0x00})).isFalse();
    }

    @Test
    void secp256k1_hsmKey_signsAndVerifies_softwareKeyIsRefused() throws Exception {
        String keyId = createKey("EC_P256K", "SIGN/VERIFY", "HSM");
        byte[] signature = client.sign(new SignRequest().setKeyId(keyId).setAlgorithm("ECDSA_SHA_256").setMessage(MESSAGE)).getSignature();
        assertThat(serverVerifies(keyId, "ECDSA_SHA_256", MESSAGE, "RAW", signature)).isTrue();
        assertThat(serverVerifies(keyId, "ECDSA_SHA_256", new byte[]{1}, "RAW", signature)).isFalse();
        assertThat(client.getPublicKey(new GetPublicKeyRequest().setKeyId(keyId)).getPublicKey()).startsWith("-----BEGIN PUBLIC KEY-----");
        TestServer.Response refused = server.post("/api/v1/instances/" + instance + "/keys",
                "{\"KeySpec\":\"EC_P256K\",\"KeyUsage\":\"SIGN/VERIFY\",\"ProtectionLevel\":\"SOFTWARE\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("ProtectionLevel HSM");
    }

    @ParameterizedTest
    @CsvSource({"HSM, RSAES_OAEP_SHA_1", "HSM, RSAES_OAEP_SHA_256", "SOFTWARE, RSAES_OAEP_SHA_1", "SOFTWARE, RSAES_OAEP_SHA_256"})
    void decrypt_jdkOaepCiphertext_returnsThePlaintext_andServerEncryptRoundTrips(String protection, String algorithm) throws Exception {
        String keyId = createKey("RSA_2048", "ENCRYPT/DECRYPT", protection);
        String hash = algorithm.endsWith("SHA_1") ? "SHA-1" : "SHA-256";
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey(keyId), new OAEPParameterSpec(hash, "MGF1",
                hash.equals("SHA-1") ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        byte[] ciphertext = cipher.doFinal(MESSAGE);
        assertThat(client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm(algorithm).setCiphertextBlob(ciphertext))
                .getPlaintext()).isEqualTo(MESSAGE);
        EncryptResponse sealed = client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm(algorithm).setPlaintext(MESSAGE));
        assertThat(sealed.getAlgorithm()).isEqualTo(algorithm);
        assertThat(client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm(algorithm)
                .setCiphertextBlob(sealed.getCiphertextBlob())).getPlaintext()).isEqualTo(MESSAGE);
        ciphertext[3] ^= 1;
        assertThat(codeOf(() -> client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm(algorithm)
                .setCiphertextBlob(ciphertext)))).isEqualTo("InvalidParameter: The ciphertext could not be decrypted.");
    }

    /** SHA-256 is the default at both protection levels; every kind of bad ciphertext gets the one generic answer. */
    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void oaepSha256_isTheDefault_andEveryBadCiphertextFailsAlike(String protection) throws Exception {
        String keyId = createKey("RSA_2048", "ENCRYPT/DECRYPT", protection);
        EncryptResponse sealed = client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(MESSAGE));
        assertThat(sealed.getAlgorithm()).isEqualTo("RSAES_OAEP_SHA_256");
        assertThat(client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(sealed.getCiphertextBlob())).getPlaintext())
                .isEqualTo(MESSAGE);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, publicKey(keyId), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        byte[] jdk = cipher.doFinal(MESSAGE);
        assertThat(client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(jdk)).getPlaintext()).isEqualTo(MESSAGE);

        cipher.init(Cipher.ENCRYPT_MODE, publicKey(keyId), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(new byte[]{'l'})));
        byte[] labelled = cipher.doFinal(MESSAGE);
        byte[] sha1 = client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("RSAES_OAEP_SHA_1").setPlaintext(MESSAGE))
                .getCiphertextBlob();
        byte[] flipped = jdk.clone();
        flipped[0] ^= 1;
        byte[] overModulus = new byte[256];
        Arrays.fill(overModulus, (byte) 0xff);
        byte[] random = new byte[256];
        new SecureRandom().nextBytes(random);
        random[0] = 0;
        for (byte[] bad : List.of(flipped, labelled, sha1, overModulus, random, new byte[256], Arrays.copyOf(jdk, 255), new byte[]{1})) {
            assertThat(codeOf(() -> client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(bad))))
                    .isEqualTo("InvalidParameter: The ciphertext could not be decrypted.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void rotate_oldSignaturesAndCiphertextsStillWork_newSignaturesUseTheNewKeyPair(String protection) throws Exception {
        String signingKey = createKey("EC_P256", "SIGN/VERIFY", protection);
        String decryptionKey = createKey("RSA_2048", "ENCRYPT/DECRYPT", protection);
        byte[] before = client.sign(new SignRequest().setKeyId(signingKey).setAlgorithm("ECDSA_SHA_256").setMessage(MESSAGE)).getSignature();
        PublicKey oldPublic = publicKey(signingKey);
        byte[] sealed = client.encrypt(new EncryptRequest().setKeyId(decryptionKey).setPlaintext(MESSAGE)).getCiphertextBlob();
        assertThat(server.post("/api/v1/keys/" + signingKey + "/rotate", "").status()).isEqualTo(200);
        assertThat(server.post("/api/v1/keys/" + decryptionKey + "/rotate", "").status()).isEqualTo(200);
        PublicKey newPublic = publicKey(signingKey);
        assertThat(newPublic).isNotEqualTo(oldPublic);
        byte[] after = client.sign(new SignRequest().setKeyId(signingKey).setAlgorithm("ECDSA_SHA_256").setMessage(MESSAGE)).getSignature();
        assertThat(jdkVerifies(newPublic, "ECDSA_SHA_256", MESSAGE, after)).isTrue();
        assertThat(jdkVerifies(oldPublic, "ECDSA_SHA_256", MESSAGE, after)).isFalse();
        assertThat(serverVerifies(signingKey, "ECDSA_SHA_256", MESSAGE, "RAW", before)).isTrue();
        assertThat(serverVerifies(signingKey, "ECDSA_SHA_256", MESSAGE, "RAW", after)).isTrue();
        assertThat(client.decrypt(new DecryptRequest().setKeyId(decryptionKey).setCiphertextBlob(sealed)).getPlaintext())
                .isEqualTo(MESSAGE);
        TestServer.Response managed = server.get("/api/v1/keys/" + signingKey + "/public-key");
        assertThat(managed.status()).isEqualTo(200);
        assertThat(managed.text("PublicKey")).isEqualTo(client.getPublicKey(new GetPublicKeyRequest().setKeyId(signingKey)).getPublicKey());
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048, PEM", "EC_P256, DER"})
    void generateDataKeyPair_decryptedPrivateKeyMatchesThePublicKey(String spec, String format) throws Exception {
        String masterKey = createKey("Aliyun_AES_256", "ENCRYPT/DECRYPT", "HSM");
        GenerateDataKeyPairResponse pair = client.generateDataKeyPair(new GenerateDataKeyPairRequest().setKeyId(masterKey)
                .setKeyPairSpec(spec).setKeyFormat(format).setAad(AAD));
        byte[] decrypted = client.decrypt(new DecryptRequest().setKeyId(masterKey).setIv(pair.getIv()).setAad(AAD)
                .setCiphertextBlob(pair.getPrivateKeyCiphertextBlob())).getPlaintext();
        assertThat(decrypted).isEqualTo(pair.getPrivateKeyPlaintext());
        assertMatches(spec, format, decrypted, pair.getPublicKey());

        GenerateDataKeyPairWithoutPlaintextResponse bare = client.generateDataKeyPairWithoutPlaintext(
                new GenerateDataKeyPairWithoutPlaintextRequest().setKeyId(masterKey).setKeyPairSpec(spec).setKeyFormat(format).setAad(AAD));
        assertMatches(spec, format, client.decrypt(new DecryptRequest().setKeyId(masterKey).setIv(bare.getIv()).setAad(AAD)
                .setCiphertextBlob(bare.getPrivateKeyCiphertextBlob())).getPlaintext(), bare.getPublicKey());

        AdvanceGenerateDataKeyPairResponse advance = client.advanceGenerateDataKeyPair(new AdvanceGenerateDataKeyPairRequest()
                .setKeyId(masterKey).setKeyPairSpec(spec).setKeyFormat(format).setAad(AAD));
        assertThat(client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(advance.getPrivateKeyCiphertextBlob())
                .setAad(AAD)).getPlaintext()).isEqualTo(advance.getPrivateKeyPlaintext());
        assertMatches(spec, format, advance.getPrivateKeyPlaintext(), advance.getPublicKey());

        assertThat(server.post("/api/v1/keys/" + masterKey + "/rotate", "").status()).isEqualTo(200);
        AdvanceGenerateDataKeyPairWithoutPlaintextResponse advanceBare = client.advanceGenerateDataKeyPairWithoutPlaintext(
                new AdvanceGenerateDataKeyPairWithoutPlaintextRequest().setKeyId(masterKey).setKeyPairSpec(spec).setKeyFormat(format)
                        .setAad(AAD));
        assertThat(advanceBare.getKeyVersionId()).isNotEqualTo(advance.getKeyVersionId());
        assertMatches(spec, format, client.advanceDecrypt(new AdvanceDecryptRequest()
                .setCiphertextBlob(advanceBare.getPrivateKeyCiphertextBlob()).setAad(AAD)).getPlaintext(), advanceBare.getPublicKey());
    }

    /** The private key signs what the public key verifies. */
    static void assertMatches(String spec, String format, byte[] privateKey, byte[] publicKey) throws Exception {
        String type = spec.startsWith("RSA") ? "RSA" : "EC";
        byte[] privateDer = format.equals("PEM") ? fromPem(privateKey, "PRIVATE KEY") : privateKey;
        byte[] publicDer = format.equals("PEM") ? fromPem(publicKey, "PUBLIC KEY") : publicKey;
        PrivateKey privateJava = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        String algorithm = type.equals("RSA") ? "RSA_PKCS1_SHA_256" : "ECDSA_SHA_256";
        Signature signer = jdkSignature(algorithm);
        signer.initSign(privateJava);
        signer.update(MESSAGE);
        assertThat(jdkVerifies(KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(publicDer)), algorithm, MESSAGE,
                signer.sign())).isTrue();
    }

    static byte[] fromPem(byte[] pem, String type) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN " + type + "-----\n");
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    }

    @Test
    void wrongKeysAndAlgorithms_areRefusedSayingWhatIsNeeded() {
        String encryptionKey = createKey("RSA_2048", "ENCRYPT/DECRYPT", "SOFTWARE");
        String ecKey = createKey("EC_P256", "SIGN/VERIFY", "SOFTWARE");
        String aesKey = createKey("Aliyun_AES_256", "ENCRYPT/DECRYPT", "SOFTWARE");
        assertThat(codeOf(() -> client.sign(new SignRequest().setKeyId(encryptionKey).setAlgorithm("RSA_PSS_SHA_256")
                .setMessage(MESSAGE)))).startsWith("InvalidParameter").contains("Sign needs a key with KeyUsage SIGN/VERIFY");
        assertThat(codeOf(() -> client.sign(new SignRequest().setKeyId(ecKey).setAlgorithm("RSA_PSS_SHA_256").setMessage(MESSAGE))))
                .startsWith("InvalidParameter").contains("use ECDSA_SHA_256");
        assertThat(codeOf(() -> client.sign(new SignRequest().setKeyId(ecKey).setMessage(new byte[5]).setMessageType("DIGEST"))))
                .startsWith("InvalidParameter").contains("32-byte SHA-256 digest");
        assertThat(codeOf(() -> client.encrypt(new EncryptRequest().setKeyId(ecKey).setPlaintext(MESSAGE))))
                .startsWith("InvalidParameter").contains("Encrypt needs a key with KeyUsage ENCRYPT/DECRYPT");
        assertThat(codeOf(() -> client.encrypt(new EncryptRequest().setKeyId(encryptionKey).setPaddingMode("PKCS7_PADDING")
                .setPlaintext(MESSAGE)))).startsWith("InvalidParameter").contains("RSAES_OAEP_SHA_256 has its own padding");
        assertThat(codeOf(() -> client.getPublicKey(new GetPublicKeyRequest().setKeyId(aesKey))))
                .startsWith("InvalidParameter").contains("has no public key");
        assertThat(codeOf(() -> client.generateDataKeyPair(new GenerateDataKeyPairRequest().setKeyId(encryptionKey)
                .setKeyPairSpec("EC_P256")))).startsWith("InvalidParameter").contains("needs a symmetric key");
        assertThat(codeOf(() -> client.generateDataKeyPair(new GenerateDataKeyPairRequest().setKeyId(aesKey)
                .setKeyPairSpec("EC_SM2")))).startsWith("InvalidParameter").contains("KeyPairSpec");
        TestServer.Response wrongUsage = server.post("/api/v1/instances/" + instance + "/keys",
                "{\"KeySpec\":\"EC_P256\",\"KeyUsage\":\"ENCRYPT/DECRYPT\"}");
        assertThat(wrongUsage.status()).isEqualTo(400);
        assertThat(wrongUsage.body()).contains("not allowed for a EC_P256 key; use SIGN/VERIFY");
        TestServer.Response sm2 = server.post("/api/v1/instances/" + instance + "/keys", "{\"KeySpec\":\"EC_SM2\"}");
        assertThat(sm2.status()).isEqualTo(400);
        assertThat(sm2.body()).contains("no SM2/SM3/SM4");
        assertThat(server.get("/api/v1/keys/" + aesKey + "/public-key").status()).isEqualTo(400);
    }
}
