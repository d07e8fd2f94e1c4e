package io.strongroom.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testing.AuditRecords;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Key tags through the real management API on a real store: create, describe, list, tag, untag, and every refusal. */
class KeyTagsApiTest {
    @TempDir
    static Path home;
    static TestServer server;
    static String instance;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TestServer.Response createKey(String json) {
        return server.post("/api/v1/instances/" + instance + "/keys", json);
    }

    private static String createdKey(String json) {
        TestServer.Response created = createKey(json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("KeyId");
    }

    /** A key's tags as {@code TagKey=TagValue}, in the order the answer gives them. */
    private static List<String> tags(JsonNode key) {
        List<String> tags = new ArrayList<>();
        key.get("Tags").forEach(tag -> tags.add(tag.get("TagKey").asText() + "=" + tag.get("TagValue").asText()));
        return tags;
    }

    private static String tagsJson(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"TagKey\": \"k" + i + "\", \"TagValue\": \"v" + i + "\"}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static JsonNode keys(String query) {
        TestServer.Response listed = server.get("/api/v1/instances/" + instance + "/keys?PageSize=100" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json();
    }

    @Test
    void createKey_withTags_describeAndListShowThemByTagKey_andListFiltersByTag() {
        String longKey = "k".repeat(128);
        String longValue = "v".repeat(256);
        String wideKey = "\uD83D\uDD11".repeat(128); // 128 characters, 256 UTF-16 units
        TestServer.Response created = createKey("""
                {"Tags": [{"TagKey": "team", "TagValue": "payments"}, {"TagKey": "stage", "TagValue": "prod"},
                          {"TagKey": "empty"}, {"TagKey": "%s", "TagValue": "%s"}, {"TagKey": "%s", "TagValue": "wide"}]}"""
                .formatted(longKey, longValue, wideKey));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String keyId = created.text("KeyId");
        List<String> expected = List.of("empty=", longKey + "=" + longValue, "stage=prod", "team=payments", wideKey + "=wide");
        assertThat(tags(created.json())).isEqualTo(expected);
        assertThat(tags(server.get("/api/v1/keys/" + keyId).json())).isEqualTo(expected);
        String untagged = createdKey("{}");
        assertThat(server.get("/api/v1/keys/" + untagged).json().get("Tags")).isEmpty();

        JsonNode all = keys("");
        assertThat(all.get("Keys").findValuesAsText("KeyId")).contains(keyId, untagged);
        for (JsonNode key : all.get("Keys")) {
            if (key.get("KeyId").asText().equals(keyId)) {
                assertThat(tags(key)).isEqualTo(expected);
            }
        }
        JsonNode byTag = keys("&TagKey=stage");
        assertThat(byTag.get("Keys").findValuesAsText("KeyId")).containsExactly(keyId);
        assertThat(byTag.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(keys("&TagKey=stage&TagValue=prod").get("Keys").findValuesAsText("KeyId")).containsExactly(keyId);
        assertThat(keys("&TagKey=stage&TagValue=dev").get("Keys")).isEmpty();
        assertThat(keys("&TagKey=STAGE").get("Keys")).as("TagKeys are case-sensitive").isEmpty();
        assertThat(keys("&TagKey=empty&TagValue=").get("Keys").findValuesAsText("KeyId")).containsExactly(keyId);
        assertThat(keys("&TagKey=stage&TagValue=").get("Keys")).isEmpty();
    }

    @Test
    void tagResource_addsAndOverwrites_untagResourceRemoves_ignoringTagKeysTheKeyDoesNotHave() {
        String keyId = createdKey("{\"Tags\": [{\"TagKey\": \"env\", \"TagValue\": \"dev\"}]}");
        TestServer.Response tagged = server.post("/api/v1/keys/" + keyId + "/tags",
                "{\"Tags\": [{\"TagKey\": \"env\", \"TagValue\": \"prod\"}, {\"TagKey\": \"owner\", \"TagValue\": \"alice\"}]}");
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tags(tagged.json())).containsExactly("env=prod", "owner=alice");
        assertThat(tags(server.get("/api/v1/keys/" + keyId).json())).containsExactly("env=prod", "owner=alice");

        TestServer.Response untagged = server.post("/api/v1/keys/" + keyId + "/tags/remove", "{\"TagKeys\": [\"owner\", \"nothere\"]}");
        assertThat(untagged.status()).as(untagged.body()).isEqualTo(200);
        assertThat(tags(untagged.json())).containsExactly("env=prod");
        assertThat(tags(server.get("/api/v1/keys/" + keyId).json())).containsExactly("env=prod");

        assertThat(server.post("/api/v1/aliases", "{\"AliasName\": \"alias/tagged\", \"KeyId\": \"" + keyId + "\"}").status())
                .isEqualTo(201);
        TestServer.Response byAlias = server.post("/api/v1/keys/alias/tagged/tags", "{\"Tags\": [{\"TagKey\": \"via\", \"TagValue\": \"alias\"}]}");
        assertThat(byAlias.status()).as(byAlias.body()).isEqualTo(200);
        assertThat(byAlias.text("KeyId")).isEqualTo(keyId);
        assertThat(tags(server.post("/api/v1/keys/alias/tagged/tags/remove", "{\"TagKeys\": [\"env\", \"via\"]}").json())).isEmpty();
    }

    @Test
    void tagResource_overTwentyTagsOnTheKey_isRefusedAndChangesNothing_overwritingStaysWithin() {
        String keyId = createdKey("{\"Tags\": " + tagsJson(20) + "}");
        TestServer.Response refused = server.post("/api/v1/keys/" + keyId + "/tags",
                "{\"Tags\": [{\"TagKey\": \"k0\", \"TagValue\": \"changed\"}, {\"TagKey\": \"one-more\", \"TagValue\": \"x\"}]}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("Code")).isEqualTo("InvalidParameter");
        assertThat(refused.text("Message")).contains("has 20 tags and would have 21").contains("at most 20").contains("key untag");
        List<String> unchanged = tags(server.get("/api/v1/keys/" + keyId).json());
        assertThat(unchanged).hasSize(20).contains("k0=v0").doesNotContain("one-more=x");

        TestServer.Response overwritten = server.post("/api/v1/keys/" + keyId + "/tags", "{\"Tags\": [{\"TagKey\": \"k0\", \"TagValue\": \"changed\"}]}");
        assertThat(overwritten.status()).as(overwritten.body()).isEqualTo(200);
        assertThat(tags(overwritten.json())).hasSize(20).contains("k0=changed");
    }

    /** Each broken rule, on create and on TagResource: a 400 naming what is wrong and what to do; no key is made. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no TagKey            | [{"TagValue": "x"}]                                   | InvalidParameter | TagKey of 1 to 128 characters
            empty TagKey         | [{"TagKey": "", "TagValue": "x"}]                      | InvalidParameter | TagKey of 1 to 128 characters
            blank TagKey         | [{"TagKey": "   ", "TagValue": "x"}]                   | InvalidParameter | not blank
            TagKey too long      | [{"TagKey": "LONG_KEY", "TagValue": "x"}]              | InvalidParameter | is 129 characters; a TagKey has at most 128: shorten it
            TagValue too long    | [{"TagKey": "env", "TagValue": "LONG_VALUE"}]          | InvalidParameter | is 257 characters; a TagValue has at most 256: shorten it
            acs: prefix          | [{"TagKey": "acs:owner", "TagValue": "x"}]             | InvalidParameter | starts with 'acs:', which is reserved
            aliyun prefix        | [{"TagKey": "aliyun-env", "TagValue": "x"}]            | InvalidParameter | starts with 'aliyun', which is reserved
            reserved in any case | [{"TagKey": "ACS:Owner", "TagValue": "x"}]             | InvalidParameter | choose another TagKey
            duplicate TagKey     | [{"TagKey": "env", "TagValue": "a"}, {"TagKey": "env", "TagValue": "b"}] | InvalidParameter | TagKey 'env' more than once: give each TagKey once
            21 tags              | TWENTY_ONE                                             | InvalidParameter | Tags has 21 tags; a key has at most 20: give fewer
            a null tag           | [null]                                                 | InvalidParameter | not null
            not a list           | "env=prod"                                             | InvalidParameter | the field 'Tags' has the wrong type
            """)
    void badTags_onCreateAndOnTagResource_are400SayingWhatIsWrong(String rule, String tags, String code, String mentioned) {
        String json = tags.replace("LONG_KEY", "k".repeat(129)).replace("LONG_VALUE", "v".repeat(257))
                .replace("TWENTY_ONE", tagsJson(21));
        int keysBefore = keys("").get("TotalCount").asInt();
        TestServer.Response refusedCreate = createKey("{\"Tags\": " + json + "}");
        assertThat(refusedCreate.status()).as(refusedCreate.body()).isEqualTo(400);
        assertThat(refusedCreate.text("Code")).isEqualTo(code);
        assertThat(refusedCreate.text("Message")).contains(mentioned);
        assertThat(keys("").get("TotalCount").asInt()).as("a refused create makes no key").isEqualTo(keysBefore);

        String keyId = createdKey("{}");
        TestServer.Response refusedTag = server.post("/api/v1/keys/" + keyId + "/tags", "{\"Tags\": " + json + "}");
        assertThat(refusedTag.status()).as(refusedTag.body()).isEqualTo(400);
        assertThat(refusedTag.text("Code")).isEqualTo(code);
        assertThat(refusedTag.text("Message")).contains(mentioned);
        assertThat(server.get("/api/v1/keys/" + keyId).json().get("Tags")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            POST | /tags                           | {}                         | 400 | MissingParameter      | Tags is required
            POST | /tags                           | {"Tags": []}               | 400 | MissingParameter      | Tags is required
            POST | /tags/remove                    | {}                         | 400 | MissingParameter      | TagKeys is required
            POST | /tags/remove                    | {"TagKeys": [""]}          | 400 | InvalidParameter      | TagKey of 1 to 128 characters
            POST | /tags                           | {"Tags": [{"TagKey": "x", "Value": "y"}]} | 400 | InvalidParameter | unknown field 'Value'
            GET  | ?TagValue=prod                  |                            | 400 | InvalidParameter      | a TagValue filter needs its TagKey
            GET  | ?TagKey=LONG_KEY                |                            | 400 | InvalidParameter      | a TagKey has at most 128
            POST | /tags@key-hzznothere            | {"Tags": [{"TagKey": "x"}]} | 404 | Forbidden.KeyNotFound | key-hzznothere
            POST | /tags/remove@key-hzznothere     | {"TagKeys": ["x"]}         | 404 | Forbidden.KeyNotFound | key-hzznothere
            """)
    void badTagRequests_getTheirCodeAndSayWhatToDo(String method, String target, String body, int status, String code, String mentioned) {
        String path;
        if (method.equals("GET")) {
            path = "/api/v1/instances/" + instance + "/keys" + target.replace("LONG_KEY", "k".repeat(129));
        } else {
            String[] parts = target.split("@");
            String keyId = parts.length > 1 ? parts[1] : createdKey("{}");
            path = "/api/v1/keys/" + keyId + parts[0];
        }
        TestServer.Response refused = method.equals("GET") ? server.get(path) : server.post(path, body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.text("Code")).isEqualTo(code);
        assertThat(refused.text("Message")).contains(mentioned);
    }

    @Test
    void tagAndUntag_areAudited_withTheKeyAsResource_inTheKeysInstance() {
        String keyId = createdKey("{}");
        server.post("/api/v1/keys/" + keyId + "/tags", "{\"Tags\": [{\"TagKey\": \"env\", \"TagValue\": \"prod\"}]}");
        server.post("/api/v1/keys/" + keyId + "/tags/remove", "{\"TagKeys\": [\"env\"]}");

        List<JsonNode> records = AuditRecords.spooled(home, instance).stream()
                .filter(record -> ("KeyId=" + keyId).equals(record.path("Resource").asText())).toList();
        assertThat(records).extracting(record -> record.get("ApiName").asText()).contains("TagResource", "UntagResource");
        assertThat(records).allSatisfy(record -> assertThat(record.get("StatusCode").asInt()).isEqualTo(200));
    }
}
