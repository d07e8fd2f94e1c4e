package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.DecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyResponse;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aliyun.tea.TeaException;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Symmetric keys end to end: keys made through the management API, used with the official
 * dedicated-KMS Java client over HTTPS on HSM (SoftHSM2) and SOFTWARE protection, across
 * disable, disconnect, reconnect and a server restart.
 */
class OfficialClientKeysTest {
    private static final byte[] AAD = "order-42".getBytes(StandardCharsets.UTF_8);
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;
    static String instance;
    static Client client;
    static String other;
    static Client otherClient;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
        client = clientFor(instance);
        // With a single instance the endpoint serves its certificate to every client; with two it picks by SNI.
        assertThat(client.generateRandom(new com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest().setLength(4)).getRandom()).hasSize(4);
        other = TestClusters.enabledInstance(server);
        otherClient = clientFor(other);
        assertThat(client.generateRandom(new com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest().setLength(4)).getRandom()).hasSize(4);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        if (server != null) {
            server.close();
        }
    }

    static Client clientFor(String instance) throws Exception {
        return ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
    }

    static String createKey(String instance, String json) {
        TestServer.Response created = server.post("/api/v1/instances/" + instance + "/keys", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("KeyId");
    }

    static EncryptResponse encrypt(Client client, String keyId, byte[] plaintext) throws Exception {
        return client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(plaintext).setAad(AAD));
    }

    static byte[] decrypt(Client client, String keyId, EncryptResponse sealed) throws Exception {
        return client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(sealed.getCiphertextBlob())
                .setIv(sealed.getIv()).setAad(AAD)).getPlaintext();
    }

    static String codeOf(ThrowingCall call) {
        try {
            call.run();
        } catch (TeaException e) {
            return e.getCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void encryptThenDecrypt_eachProtectionLevel_roundTrips(String protection) throws Exception {
        String keyId = createKey(instance, "{\"KeySpec\": \"Aliyun_AES_256\", \"ProtectionLevel\": \"" + protection + "\"}");
        assertThat(keyId).matches("key-hzz[a-z0-9]{20}");
        byte[] plaintext = "card 4111-1111-1111-1111".getBytes(StandardCharsets.UTF_8);
        EncryptResponse sealed = encrypt(client, keyId, plaintext);
        assertThat(sealed.getIv()).hasSize(12);
        assertThat(sealed.getCiphertextBlob()).hasSize(plaintext.length + 16);
        assertThat(sealed.getKeyId()).isEqualTo(keyId);
        assertThat(decrypt(client, keyId, sealed)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Aliyun_AES_128", "Aliyun_AES_192"})
    void encrypt_smallerAesSpecs_roundTrip(String spec) throws Exception {
        String keyId = createKey(instance, "{\"KeySpec\": \"" + spec + "\"}");
        assertThat(server.get("/api/v1/keys/" + keyId).text("KeySpec")).isEqualTo(spec);
        EncryptResponse sealed = encrypt(client, keyId, new byte[]{1, 2, 3});
        assertThat(decrypt(client, keyId, sealed)).containsExactly(1, 2, 3);
    }

    @Test
    void generateDataKey_thenDecryptItsBlob_givesThePlaintextDataKey_whichNeverReachesTheStore() throws Exception {
        String keyId = createKey(instance, "{}");
        GenerateDataKeyResponse dataKey = client.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId).setAad(AAD));
        assertThat(dataKey.getPlaintext()).hasSize(32);
        byte[] decrypted = client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(dataKey.getCiphertextBlob())
                .setIv(dataKey.getIv()).setAad(AAD)).getPlaintext();
        assertThat(decrypted).isEqualTo(dataKey.getPlaintext());
        assertThat(client.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId).setNumberOfBytes(1024)).getPlaintext()).hasSize(1024);
        assertThat(codeOf(() -> client.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId).setNumberOfBytes(1025))))
                .isEqualTo("InvalidParameter");
        assertThat(storeFilesContaining(dataKey.getPlaintext())).isEmpty();
        List<String> forms = List.of(Base64.getEncoder().encodeToString(dataKey.getPlaintext()),
                HexFormat.of().formatHex(dataKey.getPlaintext()));
        assertThat(LOGS.list.stream().map(ILoggingEvent::getFormattedMessage))
                .isNotEmpty()
                .noneMatch(line -> forms.stream().anyMatch(line::contains));
    }

    @Test
    void describeKey_answersMetadataOnly() {
        String keyId = createKey(instance, "{\"Description\": \"metadata\"}");
        List<String> fields = new ArrayList<>();
        server.get("/api/v1/keys/" + keyId).json().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("KeyId", "InstanceId", "KeySpec", "KeyUsage", "ProtectionLevel", "AesModes",
                "Description", "KeyState", "CreationDate", "PrimaryKeyVersion", "Tags");
        String rotating = createKey(instance, "{\"RotationInterval\": \"30d\"}");
        assertThat(server.get("/api/v1/keys/" + rotating).text("RotationInterval")).isEqualTo("2592000s");
    }

    @Test
    void decrypt_wrongAadFlippedByteOrWrongIv_refusedWithoutSayingWhy() throws Exception {
        for (String protection : List.of("HSM", "SOFTWARE")) {
            String keyId = createKey(instance, "{\"ProtectionLevel\": \"" + protection + "\"}");
            EncryptResponse sealed = encrypt(client, keyId, "secret".getBytes(StandardCharsets.UTF_8));
            byte[] flipped = sealed.getCiphertextBlob().clone();
            flipped[0] ^= 1;
            byte[] otherIv = sealed.getIv().clone();
            otherIv[0] ^= 1;
            List<TeaException> refusals = new ArrayList<>();
            for (DecryptRequest bad : List.of(
                    new DecryptRequest().setKeyId(keyId).setCiphertextBlob(sealed.getCiphertextBlob()).setIv(sealed.getIv()).setAad(new byte[]{9}),
                    new DecryptRequest().setKeyId(keyId).setCiphertextBlob(flipped).setIv(sealed.getIv()).setAad(AAD),
                    new DecryptRequest().setKeyId(keyId).setCiphertextBlob(sealed.getCiphertextBlob()).setIv(otherIv).setAad(AAD))) {
                assertThatThrownBy(() -> client.decrypt(bad)).isInstanceOfSatisfying(TeaException.class, refusals::add);
            }
            assertThat(refusals).hasSize(3).allSatisfy(e -> {
                assertThat(e.getCode()).isEqualTo("InvalidParameter");
                assertThat(e.getMessage()).contains("The ciphertext could not be decrypted.");
            });
        }
    }

    @Test
    void unknownKeyOrAlias_keyNotFound_andOversizedPlaintext_invalidParameter() throws Exception {
        for (String keyId : List.of("key-hzznosuchkey000000000000", "alias/orders")) {
            assertThatThrownBy(() -> encrypt(client, keyId, new byte[]{1})).isInstanceOfSatisfying(TeaException.class, e -> {
                assertThat(e.getCode()).isEqualTo("Forbidden.KeyNotFound");
                assertThat(e.getMessage()).contains("The specified Key is not found.");
            });
        }
        String keyId = createKey(instance, "{}");
        assertThat(encrypt(client, keyId, new byte[6 * 1024]).getCiphertextBlob()).hasSize(6 * 1024 + 16);
        assertThatThrownBy(() -> encrypt(client, keyId, new byte[6 * 1024 + 1])).isInstanceOfSatisfying(TeaException.class, e -> {
            assertThat(e.getCode()).isEqualTo("InvalidParameter");
            assertThat(e.getMessage()).contains("6 KiB");
        });
    }

    @Test
    void disabledKey_refusedWithItsOwnError_andServesAgainOnceEnabled() throws Exception {
        String keyId = createKey(instance, "{}");
        EncryptResponse sealed = encrypt(client, keyId, new byte[]{7});
        assertThat(server.post("/api/v1/keys/" + keyId + "/disable", "").text("KeyState")).isEqualTo("Disabled");
        assertThatThrownBy(() -> decrypt(client, keyId, sealed)).isInstanceOfSatisfying(TeaException.class, e -> {
            assertThat(e.getCode()).isEqualTo("Rejected.Disabled");
            assertThat(e.getMessage()).contains("key enable");
        });
        assertThat(server.post("/api/v1/keys/" + keyId + "/enable", "").text("KeyState")).isEqualTo("Enabled");
        assertThat(decrypt(client, keyId, sealed)).containsExactly(7);
    }

    @Test
    void createKey_unsupportedSpec_refusedSayingWhy_andListPages() {
        TestServer.Response refused = server.post("/api/v1/instances/" + instance + "/keys", "{\"KeySpec\": \"Aliyun_SM4\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("no SM2/SM3/SM4");
        createKey(instance, "{\"Description\": \"paging\"}");
        TestServer.Response page = server.get("/api/v1/instances/" + instance + "/keys?PageNumber=1&PageSize=1");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("Keys")).hasSize(1);
        assertThat(page.json().get("TotalCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(server.get("/api/v1/keys/key-hzznosuchkey000000000000").status()).isEqualTo(404);
    }

    @Test
    void disconnect_refusesEveryKey_reconnectAndRestart_oldCiphertextStillDecrypts() throws Exception {
        String hsmKey = createKey(other, "{\"ProtectionLevel\": \"HSM\"}");
        String softwareKey = createKey(other, "{\"ProtectionLevel\": \"SOFTWARE\"}");
        EncryptResponse hsmSealed = encrypt(otherClient, hsmKey, new byte[]{1});
        EncryptResponse softwareSealed = encrypt(otherClient, softwareKey, new byte[]{2});

        server.post("/api/v1/instances/" + other + "/disconnect", "");
        assertThat(codeOf(() -> decrypt(otherClient, hsmKey, hsmSealed))).isEqualTo("Rejected.InstanceDisabled");
        assertThat(codeOf(() -> decrypt(otherClient, softwareKey, softwareSealed))).isEqualTo("Rejected.InstanceDisabled");

        server.post("/api/v1/instances/" + other + "/connect", credential(PASSWORD));
        assertThat(server.awaitSettled(other).text("Status")).isEqualTo("Enabled");
        assertThat(decrypt(otherClient, hsmKey, hsmSealed)).containsExactly(1);
        assertThat(decrypt(otherClient, softwareKey, softwareSealed)).containsExactly(2);

        server.restart();
        assertThat(server.awaitSettled(other).text("Status")).isEqualTo("Enabled");
        assertThat(eventually(() -> decrypt(otherClient, hsmKey, hsmSealed))).containsExactly(1);
        assertThat(eventually(() -> decrypt(otherClient, softwareKey, softwareSealed))).containsExactly(2);
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** After a restart the instance reconnects in the background: 503 until it has. */
    static <T> T eventually(ThrowingSupplier<T> call) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return call.get();
            } catch (TeaException e) {
                if (!"ServiceUnavailableTemporary".equals(e.getCode()) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Files under the data directory holding {@code secret} raw, in base64 or in hex. */
    static List<Path> storeFilesContaining(byte[] secret) throws IOException {
        List<byte[]> forms = List.of(secret, Base64.getEncoder().encode(secret),
                HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII));
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(server.home())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                if (forms.stream().anyMatch(form -> indexOf(content, form) >= 0)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
