package io.strongroom.face.dkms;

import io.strongroom.face.dkms.wire.Error;
import io.strongroom.face.dkms.wire.GenerateRandomRequest;
import io.strongroom.platform.Certificates;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestHosts;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The protocol's own checks, with requests signed here by hand (the official client never sends
 * a bad request on purpose): each malformed or unauthorised request gets the spec's status,
 * code and message, as an Error message, and nothing crashes.
 */
class DkmsProtocolTest {
    private static final String PASSWORD = "Client-Key-Pass-1";
    @TempDir
    static Path home;
    static TestServer server;
    static String instance;
    static String keyId;
    static PrivateKey privateKey;
    static HttpClient http;
    static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
        String base = "/api/v1/instances/" + instance;
        server.post(base + "/network-rules", "{\"Name\": \"local\", \"SourcePrivateIp\": [\"127.0.0.1\"]}");
        server.post(base + "/policies", """
                {"Name": "apps", "Permissions": ["RbacPermission/Template/CryptoServiceKeyUser"], "Resources": ["key/*"],
                 "AccessControlRules": {"NetworkRules": ["local"]}}""");
        server.post(base + "/access-points", "{\"Name\": \"app\", \"Policies\": [\"apps\"]}");
        TestServer.Response key = server.post(base + "/client-keys", "{\"AapName\": \"app\", \"Password\": \"" + PASSWORD + "\"}");
        keyId = key.text("KeyId");
        privateKey = privateKey(key.text("PrivateKeyData"));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Certificates.parseCertificate(server.get(base).text("CaCertificateChainPem")));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).build();
        String host = instance + ".cryptoservice.kms.localhost";
        TestHosts.add(host);
        endpoint = URI.create("https://" + host + ":" + server.server().endpointPort() + "/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static PrivateKey privateKey(String data) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(data)), PASSWORD.toCharArray());
        return (PrivateKey) store.getKey(Collections.list(store.aliases()).getFirst(), PASSWORD.toCharArray());
    }

    /** The headers a client sends, signed with the client key over the spec's string to sign. */
    private static Map<String, String> signed(String apiName, byte[] body, ZonedDateTime date, String accessKeyId) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-kms-apiversion", "dkms-gcs-0.2");
        headers.put("x-kms-apiname", apiName);
        headers.put("x-kms-signaturemethod", "RSA_PKCS1_SHA_256");
        headers.put("x-kms-acccesskeyid", accessKeyId);
        headers.put("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        headers.put("content-type", "application/x-protobuf");
        headers.put("content-sha256", SignedRequest.sha256Hex(body));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(StringToSign.of(headers).getBytes(StandardCharsets.UTF_8));
        headers.put("authorization", "Bearer " + Base64.getEncoder().encodeToString(signer.sign()));
        return headers;
    }

    private static HttpResponse<byte[]> send(Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Error error(HttpResponse<byte[]> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/x-protobuf");
        Error error = Error.parseFrom(response.body());
        assertThat(error.getRequestId()).isNotBlank();
        return error;
    }

    private static final byte[] RANDOM_16 = GenerateRandomRequest.newBuilder().setLength(16).build().toByteArray();

    @Test
    void wellSignedRequest_isServed() throws Exception {
        HttpResponse<byte[]> response = send(signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC), keyId), RANDOM_16);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(io.strongroom.face.dkms.wire.GenerateRandomResponse.parseFrom(response.body()).getRandom().size()).isEqualTo(16);
    }

    @Test
    void dateOffByTwentyMinutes_isRequestTimeTooSkewed() throws Exception {
        Error error = error(send(signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(20), keyId), RANDOM_16), 400);
        assertThat(error.getErrorCode()).isEqualTo("RequestTimeTooSkewed");
        assertThat(error.getErrorMessage()).isEqualTo("Request time exceeds server time more than 15 minutes.");
    }

    @Test
    void bodyNotMatchingItsHash_isInvalidParam() throws Exception {
        Map<String, String> headers = signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC), keyId);
        Error error = error(send(headers, GenerateRandomRequest.newBuilder().setLength(17).build().toByteArray()), 400);
        assertThat(error.getErrorCode()).isEqualTo("InvalidParam");
        assertThat(error.getErrorMessage()).isEqualTo("The Param Content-SHA256 is invalid.");
    }

    @Test
    void garbageAndTruncatedBodies_areInvalidParameter_andTheServerGoesOn() throws Exception {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
        assertThat(error(send(signed("GenerateRandom", garbage, ZonedDateTime.now(ZoneOffset.UTC), keyId), garbage), 400).getErrorCode())
                .isEqualTo("InvalidParameter");
        byte[] truncated = java.util.Arrays.copyOf(GenerateRandomRequest.newBuilder().setLength(300).build().toByteArray(), 2);
        assertThat(error(send(signed("GenerateRandom", truncated, ZonedDateTime.now(ZoneOffset.UTC), keyId), truncated), 400).getErrorCode())
                .isEqualTo("InvalidParameter");
        wellSignedRequest_isServed();
    }

    @Test
    void unknownApiName_isInvalidApiName() throws Exception {
        Error error = error(send(signed("MakeCoffee", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC), keyId), RANDOM_16), 400);
        assertThat(error.getErrorCode()).isEqualTo("InvalidApiName");
        assertThat(error.getErrorMessage()).isEqualTo("The ApiName \"MakeCoffee\" is invalid.");
    }

    @Test
    void missingAccessKeyId_isMissingParameter() throws Exception {
        Map<String, String> headers = signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC), keyId);
        headers.remove("x-kms-acccesskeyid");
        Error error = error(send(headers, RANDOM_16), 400);
        assertThat(error.getErrorCode()).isEqualTo("MissingParameter");
        assertThat(error.getErrorMessage()).isEqualTo("Parameter x-kms-acccesskeyid does not exist in http header or body.");
    }

    @Test
    void signatureOverOtherHeaders_orUnknownKey_isUnauthorized() throws Exception {
        Map<String, String> headers = signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC), keyId);
        headers.put("x-kms-extra", "added after signing");
        assertThat(error(send(headers, RANDOM_16), 401).getErrorCode()).isEqualTo("Unauthorized");
        Error unknown = error(send(signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC),
                "KAAP.00000000-0000-0000-0000-000000000000"), RANDOM_16), 401);
        assertThat(unknown.getErrorMessage()).contains("not found");
    }

    @Test
    void expiredClientKey_isUnauthorized() throws Exception {
        TestServer.Response expired = server.post("/api/v1/instances/" + instance + "/client-keys", "{\"AapName\": \"app\", \"Password\": \""
                + PASSWORD + "\", \"NotBefore\": \"2020-01-01T00:00:00Z\", \"NotAfter\": \"2021-01-01T00:00:00Z\"}");
        PrivateKey current = privateKey;
        privateKey = privateKey(expired.text("PrivateKeyData"));
        try {
            Error error = error(send(signed("GenerateRandom", RANDOM_16, ZonedDateTime.now(ZoneOffset.UTC), expired.text("KeyId")), RANDOM_16), 401);
            assertThat(error.getErrorMessage()).contains("not valid now");
        } finally {
            privateKey = current;
        }
    }

    @Test
    void bodyOverThreeMegabytes_is413() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        assertThat(error(send(signed("GenerateRandom", big, ZonedDateTime.now(ZoneOffset.UTC), keyId), big), 413).getErrorCode())
                .isEqualTo("InvalidParameter");
    }

    @Test
    void getSecretValue_isUnsupportedOperation() throws Exception {
        byte[] body = io.strongroom.face.dkms.wire.GetSecretValueRequest.newBuilder().setSecretName("db").build().toByteArray();
        Error error = error(send(signed("GetSecretValue", body, ZonedDateTime.now(ZoneOffset.UTC), keyId), body), 400);
        assertThat(error.getErrorCode()).isEqualTo("UnsupportedOperation");
    }

    /** Hmac is not in the official Java SDK 0.5.2, so it is sent by hand. */
    private static HttpResponse<byte[]> hmac(String hmacKey, byte[] message) throws Exception {
        byte[] body = io.strongroom.face.dkms.wire.HmacRequest.newBuilder().setKeyId(hmacKey)
                .setMessage(com.google.protobuf.ByteString.copyFrom(message)).build().toByteArray();
        return send(signed("Hmac", body, ZonedDateTime.now(ZoneOffset.UTC), keyId), body);
    }

    private static byte[] mac(String hmacKey, byte[] message) throws Exception {
        HttpResponse<byte[]> response = hmac(hmacKey, message);
        assertThat(response.statusCode()).isEqualTo(200);
        return io.strongroom.face.dkms.wire.HmacResponse.parseFrom(response.body()).getSignature().toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"HMAC_SHA224, 28", "HMAC_SHA256, 32", "HMAC_SHA384, 48", "HMAC_SHA512, 64"})
    void hmac_eachSpec_hsmAndSoftwareKeys_deterministicMacOfTheHashLength_differsPerKeyAndMessage(String spec, int length)
            throws Exception {
        String base = "/api/v1/instances/" + instance + "/keys";
        String hsmKey = server.post(base, "{\"KeySpec\": \"" + spec + "\"}").text("KeyId");
        String otherHsmKey = server.post(base, "{\"KeySpec\": \"" + spec + "\"}").text("KeyId");
        String softwareKey = server.post(base, "{\"KeySpec\": \"" + spec + "\", \"ProtectionLevel\": \"SOFTWARE\"}").text("KeyId");
        TestServer.Response described = server.get("/api/v1/keys/" + softwareKey);
        assertThat(List.of(described.text("KeySpec"), described.text("KeyUsage"), described.text("ProtectionLevel")))
                .containsExactly(spec, "GENERATE/VERIFY_MAC", "SOFTWARE");
        byte[] message = "message".getBytes(StandardCharsets.UTF_8);
        byte[] first = mac(hsmKey, message);
        assertThat(first).hasSize(length).isEqualTo(mac(hsmKey, message));
        assertThat(mac(hsmKey, "other".getBytes(StandardCharsets.UTF_8))).hasSize(length).isNotEqualTo(first);
        assertThat(mac(otherHsmKey, message)).hasSize(length).isNotEqualTo(first);
        assertThat(mac(softwareKey, message)).hasSize(length).isEqualTo(mac(softwareKey, message)).isNotEqualTo(first);
        assertThat(server.post("/api/v1/keys/" + hsmKey + "/rotate", "").status()).as("HMAC keys do not rotate").isEqualTo(400);
    }

    @Test
    void hmac_aesKey_refusedNamingTheUsage() throws Exception {
        String aesKey = server.post("/api/v1/instances/" + instance + "/keys", "{}").text("KeyId");
        Error refused = error(hmac(aesKey, "message".getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(refused.getErrorCode()).isEqualTo("InvalidParameter");
        assertThat(refused.getErrorMessage()).contains("Hmac needs a key with KeyUsage GENERATE/VERIFY_MAC");
    }

    @Test
    void createKey_hmacSpecOfAnotherUsage_orHmacSm3_refusedSayingWhy() {
        String base = "/api/v1/instances/" + instance + "/keys";
        TestServer.Response wrongUsage = server.post(base, "{\"KeySpec\": \"HMAC_SHA384\", \"KeyUsage\": \"SIGN/VERIFY\"}");
        assertThat(wrongUsage.status()).isEqualTo(400);
        assertThat(wrongUsage.body()).contains("not allowed for a HMAC_SHA384 key; use GENERATE/VERIFY_MAC");
        TestServer.Response sm3 = server.post(base, "{\"KeySpec\": \"HMAC_SM3\"}");
        assertThat(sm3.status()).isEqualTo(400);
        assertThat(sm3.body()).contains("no SM2/SM3/SM4").contains("HMAC_SHA224, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512");
    }
}
