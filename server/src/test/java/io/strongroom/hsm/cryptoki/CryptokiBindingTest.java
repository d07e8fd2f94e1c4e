package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.CheckValueReference;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.HsmToken;
import io.strongroom.hsm.HsmTokens;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.TokenLocation;
import io.strongroom.testing.SoftHsm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.HexFormat;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The binding's structs and calls against SoftHSM2, checked against published vectors and the
 * JDK as an independent implementation: AES-GCM (CK_GCM_PARAMS), RSA-OAEP
 * (CK_RSA_PKCS_OAEP_PARAMS), RSA-PSS (CK_RSA_PKCS_PSS_PARAMS), the mechanism list and the key
 * check value.
 */
class CryptokiBindingTest {
    private static final char[] PIN = "binding-pin-1".toCharArray();
    private static final HexFormat HEX = HexFormat.of();
    private static TokenLocation location;

    private CryptokiModule module;
    private long slot;
    private long session;

    @BeforeAll
    static void token() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        location = SoftHsm.newToken("binding", PIN);
    }

    @BeforeEach
    void openSession() throws HsmException {
        module = CryptokiModule.acquire(Path.of(location.modulePath()), Duration.ofSeconds(20));
        run((library, arena) -> {
            slot = Slots.require(library, arena, location.tokenLabel(), location.modulePath()).slot();
            session = module.logins().open(library, arena, slot, PIN, location.tokenLabel());
            return null;
        });
    }

    @AfterEach
    void closeSession() throws HsmException {
        run((library, arena) -> {
            module.logins().close(library, slot, session);
            return null;
        });
        module.release();
    }

    private <T> T run(CryptokiModule.Call<T> call) throws HsmException {
        return module.call("test", call);
    }

    /** A session object (gone when the session closes), readable as the test needs it. */
    private long createObject(Cryptoki library, Arena arena, Template template) throws HsmException {
        MemorySegment handle = arena.allocate(JAVA_LONG);
        Failures.check("C_CreateObject", library.createObject(session, template.segment(), template.count(), handle));
        return handle.get(JAVA_LONG, 0);
    }

    private long aesKey(Cryptoki library, Arena arena, byte[] value) throws HsmException {
        return createObject(library, arena, new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
                .bytes(Ck.CKA_VALUE, value).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_ENCRYPT, true).bool(Ck.CKA_DECRYPT, true)
                .bool(Ck.CKA_WRAP, true));
    }

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 60-byte plaintext, AAD). */
    @Test
    void aesGcm_publishedVector_sameCiphertextAndTag_andDecryptsBack() throws HsmException {
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] plaintext = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        String expected = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b";
        run((library, arena) -> {
            long handle = aesKey(library, arena, key);
            byte[] sealed = Operations.encrypt(library, arena, session, Mechanisms.gcm(arena, iv, aad, 128), handle, plaintext);
            assertThat(HEX.formatHex(sealed)).isEqualTo(expected);
            assertThat(Operations.decrypt(library, arena, session, Mechanisms.gcm(arena, iv, aad, 128), handle, sealed)).isEqualTo(plaintext);
            sealed[0] ^= 1;
            // SoftHSM2 2.6 reports a tag mismatch as CKR_GENERAL_ERROR, not CKR_ENCRYPTED_DATA_INVALID.
            assertThatThrownBy(() -> Operations.decrypt(library, arena, session, Mechanisms.gcm(arena, iv, aad, 128), handle, sealed))
                    .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.failure()).isEqualTo(HsmFailure.INTERNAL));
            return null;
        });
    }

    private record RsaPair(long publicKey, long privateKey, PublicKey java) {
    }

    private RsaPair rsaPair(Cryptoki library, Arena arena) throws Exception {
        Template publicTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).ulong(Ck.CKA_MODULUS_BITS, 2048)
                .bytes(Ck.CKA_PUBLIC_EXPONENT, new byte[]{1, 0, 1}).bool(Ck.CKA_ENCRYPT, true).bool(Ck.CKA_VERIFY, true);
        Template privateTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_SENSITIVE, true)
                .bool(Ck.CKA_DECRYPT, true).bool(Ck.CKA_SIGN, true);
        MemorySegment publicKey = arena.allocate(JAVA_LONG);
        MemorySegment privateKey = arena.allocate(JAVA_LONG);
        Failures.check("C_GenerateKeyPair", library.generateKeyPair(session, Mechanisms.of(arena, Ck.CKM_RSA_PKCS_KEY_PAIR_GEN),
                publicTemplate.segment(), publicTemplate.count(), privateTemplate.segment(), privateTemplate.count(), publicKey, privateKey));
        long handle = publicKey.get(JAVA_LONG, 0);
        BigInteger modulus = new BigInteger(1, Operations.attribute(library, arena, session, handle, Ck.CKA_MODULUS));
        BigInteger exponent = new BigInteger(1, Operations.attribute(library, arena, session, handle, Ck.CKA_PUBLIC_EXPONENT));
        return new RsaPair(handle, privateKey.get(JAVA_LONG, 0),
                KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
    }

    /**
     * SoftHSM2 2.6 takes OAEP with SHA-1 only: C_DecryptInit (like C_WrapKey and C_UnwrapKey)
     * answers CKR_ARGUMENTS_BAD for SHA-256, which also shows it read our hashAlg field.
     */
    @Test
    void rsaOaep_jdkCiphertext_tokenDecryptsSha1_andSha256IfItSupportsIt() throws HsmException {
        byte[] secret = "thirty-two bytes of key material".getBytes(StandardCharsets.US_ASCII);
        run((library, arena) -> {
            try {
                RsaPair pair = rsaPair(library, arena);
                Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
                cipher.init(Cipher.ENCRYPT_MODE, pair.java(), new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
                assertThat(Operations.decrypt(library, arena, session, Mechanisms.oaep(arena, Ck.CKM_SHA_1, Ck.CKG_MGF1_SHA1),
                        pair.privateKey(), cipher.doFinal(secret))).isEqualTo(secret);

                cipher.init(Cipher.ENCRYPT_MODE, pair.java(), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                byte[] sha256 = cipher.doFinal(secret);
                try {
                    assertThat(Operations.decrypt(library, arena, session, Mechanisms.oaep(arena, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256),
                            pair.privateKey(), sha256)).isEqualTo(secret);
                } catch (HsmException refused) {
                    assertThat(refused.detail()).isEqualTo("CKR_ARGUMENTS_BAD");
                }
                return null;
            } catch (HsmException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void rsaPss_tokenSignature_jdkVerifiesIt_tokenRejectsAnotherMessage() throws HsmException {
        byte[] message = "sign me".getBytes(StandardCharsets.US_ASCII);
        run((library, arena) -> {
            try {
                RsaPair pair = rsaPair(library, arena);
                byte[] signature = Operations.sign(library, arena, session,
                        Mechanisms.pss(arena, Ck.CKM_SHA256_RSA_PKCS_PSS, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256, 32), pair.privateKey(), message);
                Signature jdk = Signature.getInstance("RSASSA-PSS");
                jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                jdk.initVerify(pair.java());
                jdk.update(message);
                assertThat(jdk.verify(signature)).isTrue();
                MemorySegment pss = Mechanisms.pss(arena, Ck.CKM_SHA256_RSA_PKCS_PSS, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256, 32);
                assertThat(Operations.verify(library, arena, session, pss, pair.publicKey(), message, signature)).isTrue();
                assertThat(Operations.verify(library, arena, session, pss, pair.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
                return null;
            } catch (HsmException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void mechanisms_softHsm_listsWhatStrongroomUses() throws HsmException {
        long[] mechanisms = run((library, arena) -> Operations.mechanisms(library, arena, slot));
        assertThat(mechanisms).contains(Ck.CKM_AES_KEY_GEN, Ck.CKM_AES_GCM, Ck.CKM_AES_KEY_WRAP_PAD, Ck.CKM_RSA_PKCS_KEY_PAIR_GEN,
                Ck.CKM_RSA_PKCS_OAEP, Ck.CKM_RSA_PKCS_PSS, Ck.CKM_SHA256_RSA_PKCS_PSS, Ck.CKM_EC_KEY_PAIR_GEN, Ck.CKM_ECDSA);
    }

    /** A key with known material (a session object of this test's session) through HsmSession.checkValue on another session. */
    @Test
    void checkValue_knownKey_knownAnswer() throws HsmException {
        long known = run((library, arena) -> aesKey(library, arena, CheckValueReference.KEY));
        try (HsmToken token = HsmTokens.open(location, Duration.ofSeconds(20));
             HsmSession other = token.login(PIN.clone())) {
            assertThat(other.checkValue(new KeyHandle(known, "known")))
                    .isEqualTo(CheckValueReference.of(CheckValueReference.KEY))
                    .isEqualTo(CheckValueReference.KEY_CHECK_VALUE);
        }
    }
}
