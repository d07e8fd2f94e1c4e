package io.strongroom.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testing.Await;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tamper evidence on the local-directory bucket: traffic over several one-second intervals, then
 * audit disabled; the delivered objects and their signed digest chain verify, and each kind of
 * tampering (a byte changed, an object deleted, an object replayed over another or under a new
 * name, a digest deleted, altered or swapped) is named by verify. Each test restores the bucket.
 */
class AuditDigestTest {
    @TempDir
    static Path home;
    static TestServer server;
    static String instance;
    static Path bucket;
    static Instant disabledAt;
    static Map<Path, byte[]> pristine = new HashMap<>();

    @BeforeAll
    static void deliverSeveralIntervals() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home, """
                audit:
                  interval: PT1S
                  node: node-a
                """);
        instance = TestClusters.enabledInstance(server);
        bucket = home.resolve("buckets/demo-audit");
        assertThat(server.post(base() + "/enable", "{\"Bucket\": \"demo-audit\"}").status()).isEqualTo(200);
        Instant until = Instant.now().plusMillis(3500);
        while (Instant.now().isBefore(until)) {
            assertThat(server.get("/api/v1/instances/" + instance).status()).isEqualTo(200);
            Thread.sleep(150);
        }
        disabledAt = Instant.now();
        assertThat(server.post(base() + "/disable", "").status()).isEqualTo(200);
        // Records from before the disable are still delivered, with their digest; then nothing more arrives.
        Await.until(AuditDigestTest::verify, verification -> verification.get("Valid").asBoolean()
                && lines(".log.gz").stream().anyMatch(line -> line.contains(" DisableSecurityAudit ")));
        Thread.sleep(2500);
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                pristine.put(file, Files.readAllBytes(file));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void restoreBucket() throws IOException {
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!pristine.containsKey(file)) {
                    Files.delete(file);
                }
            }
        }
        for (Map.Entry<Path, byte[]> file : pristine.entrySet()) {
            Files.write(file.getKey(), file.getValue());
        }
    }

    @Test
    void untouchedBucket_verifies_everyLogObjectInASignedChain() throws Exception {
        JsonNode verification = verify();
        assertThat(verification.get("Valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("Findings")).isEmpty();
        assertThat(verification.get("Nodes").get(0).asText()).isEqualTo("node-a");
        List<Path> logs = objects(".log.gz");
        assertThat(logs.size()).as("log objects over 3.5 s of one-second intervals").isGreaterThanOrEqualTo(3);
        assertThat(verification.get("Objects").asInt()).isEqualTo(2 * logs.size());
        assertThat(verification.get("Digests").asInt()).isEqualTo(objects(".digest").size()).isGreaterThanOrEqualTo(2);

        // The chain and signatures hold with only the bucket and the public key, checked here with the JDK alone.
        byte[] spki = Base64.getMimeDecoder().decode(server.get(base() + "/public-key").text("PublicKey")
                .replaceAll("-----[A-Z ]+-----", ""));
        var publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        String previous = null;
        for (Path digestFile : objects(".digest")) {
            String text = Files.readString(digestFile);
            int signatureLine = text.indexOf("signature ECDSA_SHA_256 ");
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(publicKey);
            ecdsa.update(text.substring(0, signatureLine).getBytes(StandardCharsets.UTF_8));
            assertThat(ecdsa.verify(Base64.getDecoder().decode(text.substring(signatureLine + 24).trim()))).as(digestFile.toString()).isTrue();
            String previousLine = text.lines().filter(line -> line.startsWith("previous ")).findFirst().orElseThrow();
            assertThat(previousLine).isEqualTo(previous == null ? "previous - - 0" : previous);
            previous = "previous " + name(digestFile) + " " + AuditDigest.sha256Hex(Files.readAllBytes(digestFile)) + " "
                    + Files.size(digestFile);
        }
    }

    @Test
    void recordsAfterDisable_areNotDelivered() {
        assertThat(lines(".json.gz")).isNotEmpty().allSatisfy(line ->
                assertThat(Instant.parse(line.replaceAll(".*\"Time\":\"([^\"]+)\".*", "$1"))).isBefore(disabledAt.plusSeconds(1)));
        assertThat(lines(".log.gz")).noneMatch(line -> line.contains(" VerifySecurityAudit "));
    }

    @Test
    void aChangedByte_isNamedAltered() throws Exception {
        Path victim = objects(".log.gz").get(1);
        byte[] content = Files.readAllBytes(victim);
        content[content.length / 2] ^= 0x01;
        Files.write(victim, content);
        assertFinding("ALTERED", name(victim));
    }

    @Test
    void aDeletedObject_isNamedMissing() throws Exception {
        Path victim = objects(".json.gz").get(1);
        Files.delete(victim);
        assertFinding("MISSING", name(victim));
    }

    @Test
    void anObjectReplayedOverAnother_isNamedReordered() throws Exception {
        List<Path> logs = objects(".log.gz");
        Files.write(logs.get(2), Files.readAllBytes(logs.get(0)));
        JsonNode finding = assertFinding("REORDERED", name(logs.get(2)));
        assertThat(finding.get("Message").asText()).contains(name(logs.get(0)));
    }

    @Test
    void anObjectReplayedUnderANewName_isNamedExtra() throws Exception {
        Path original = objects(".log.gz").get(0);
        Path replayed = original.resolveSibling(original.getFileName().toString().replaceAll("_(\\d{12})(\\d\\d)\\.", "_$159."));
        assertThat(replayed).isNotEqualTo(original).doesNotExist();
        Files.write(replayed, Files.readAllBytes(original));
        assertFinding("EXTRA", name(replayed));
    }

    @Test
    void aDeletedDigest_isNamedMissing_byTheDigestAfterIt() throws Exception {
        List<Path> digests = objects(".digest");
        Path victim = digests.get(digests.size() - 2);
        Files.delete(victim);
        assertFinding("MISSING", name(victim));
    }

    @Test
    void anAlteredDigest_isNamedAltered() throws Exception {
        Path victim = objects(".digest").get(0);
        String text = Files.readString(victim);
        String objectLine = text.lines().filter(line -> line.startsWith("object ")).findFirst().orElseThrow();
        String[] parts = objectLine.split(" ");
        String forged = "object " + parts[1] + " " + "0".repeat(64) + " " + parts[3];
        Files.writeString(victim, text.replace(objectLine, forged));
        JsonNode finding = assertFinding("ALTERED", name(victim));
        assertThat(finding.get("Message").asText()).contains("signature does not verify");
    }

    @Test
    void swappedDigests_areNamedReordered() throws Exception {
        List<Path> digests = objects(".digest");
        byte[] first = Files.readAllBytes(digests.get(0));
        Files.write(digests.get(0), Files.readAllBytes(digests.get(1)));
        Files.write(digests.get(1), first);
        assertFinding("REORDERED", name(digests.get(0)));
    }

    @Test
    void verify_fromAndTo_limitTheCheckToTheirIntervals() throws Exception {
        List<Path> logs = objects(".log.gz");
        Path last = logs.getLast();
        Files.delete(last);
        Instant lastInterval = AuditObjectNames.intervalStart(name(last)).orElseThrow();
        JsonNode before = server.post(base() + "/verify", "{\"Bucket\": \"demo-audit\", \"To\": \"" + lastInterval + "\"}").json();
        assertThat(before.get("Valid").asBoolean()).as(before.toString()).isTrue();
        JsonNode including = server.post(base() + "/verify", "{\"Bucket\": \"demo-audit\", \"From\": \"" + lastInterval + "\"}").json();
        assertThat(including.get("Valid").asBoolean()).isFalse();
        assertThat(including.get("Findings").get(0).get("Object").asText()).isEqualTo(name(last));
    }

    @Test
    void verify_badInput_isAClearError() {
        TestServer.Response unknown = server.post(base() + "/verify", "{\"Bucket\": \"nope\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("Message")).contains("nope").contains("demo-audit");
        TestServer.Response badTime = server.post(base() + "/verify", "{\"Bucket\": \"demo-audit\", \"From\": \"yesterday\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.text("Message")).contains("From").contains("ISO 8601");
        TestServer.Response missing = server.post(base() + "/verify", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("Code")).isEqualTo("MissingParameter");
    }

    private static JsonNode assertFinding(String problem, String objectName) {
        JsonNode verification = verify();
        assertThat(verification.get("Valid").asBoolean()).as(verification.toString()).isFalse();
        List<JsonNode> findings = new ArrayList<>();
        verification.get("Findings").forEach(findings::add);
        return findings.stream().filter(finding -> finding.get("Problem").asText().equals(problem)
                        && finding.get("Object").asText().equals(objectName)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + problem + " finding for " + objectName + " in " + verification));
    }

    private static JsonNode verify() {
        TestServer.Response response = server.post(base() + "/verify", "{\"Bucket\": \"demo-audit\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String base() {
        return "/api/v1/instances/" + instance + "/security-audit";
    }

    private static String name(Path object) {
        return bucket.relativize(object).toString().replace('\\', '/');
    }

    private static List<Path> objects(String suffix) {
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String suffix) {
        List<String> lines = new ArrayList<>();
        for (Path object : objects(suffix)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
