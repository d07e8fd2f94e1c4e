package io.strongroom.face.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;
import io.strongroom.platform.DataDirectory;
import io.strongroom.testing.AuditRecords;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's session API, its cookie and CSRF rules, its audit records (in the operator audit
 * log: a console session belongs to no instance), and its pages' headers, over real HTTPS (no browser).
 */
class ConsoleHttpTest {
    @TempDir
    static Path home;
    static TestServer server;
    static String accessKeyId;
    static String accessKeySecret;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(home);
        JsonNode credential = ApiJson.mapper().readTree(new DataDirectory(home).adminCredentialFile().toFile());
        accessKeyId = credential.get("AccessKeyId").asText();
        accessKeySecret = credential.get("AccessKeySecret").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void logOn_withAdminKey_setsAHardenedSessionCookieAndAnswersTheCsrfToken() {
        HttpResponse<String> response = logOn(accessKeySecret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(SessionCookie.NAME + "=").contains("Path=/").containsIgnoringCase("Secure")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Max-Age").doesNotContainIgnoringCase("Expires").doesNotContain(accessKeySecret);
        assertThat(json(response).get("CsrfToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(json(response).get("AccessKeyId").asText()).isEqualTo(accessKeyId);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void logOn_withWrongSecret_is401AndSetsNoCookie() {
        HttpResponse<String> response = logOn("not-the-secret");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("Code").asText()).isEqualTo("Unauthorized");
        assertThat(json(response).get("Message").asText()).contains("strongroom admin credential");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void logOn_asAnHtmlForm_isRefused() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/console/api/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("AccessKeyId=" + accessKeyId + "&AccessKeySecret=" + accessKeySecret)));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void sessionCookie_readsWithoutCsrfTokenButChangesOnlyWithIt() {
        Session session = Session.of(logOn(accessKeySecret));
        assertThat(send(session.request("/api/v1/regions").GET()).statusCode()).isEqualTo(200);

        HttpResponse<String> withoutToken = send(session.request("/api/v1/instances/kst-hzznothere/disconnect").POST(empty()));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(json(withoutToken).get("Code").asText()).isEqualTo("Forbidden");
        assertThat(json(withoutToken).get("Message").asText()).contains("X-CSRF-Token");

        HttpResponse<String> wrongToken = send(session.request("/api/v1/instances/kst-hzznothere/disconnect")
                .header("X-CSRF-Token", "guessed").POST(empty()));
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        HttpResponse<String> rightToken = send(session.request("/api/v1/instances/kst-hzznothere/disconnect")
                .header("X-CSRF-Token", session.csrfToken()).POST(empty()));
        assertThat(rightToken.statusCode()).as("past authentication, the API's own answer").isEqualTo(404);
        assertThat(json(rightToken).get("Code").asText()).isEqualTo("InvalidInstanceId.NotFound");
    }

    @Test
    void getSession_withCookie_answersTheSameTokenAndWithoutIs401() {
        Session session = Session.of(logOn(accessKeySecret));
        HttpResponse<String> current = send(session.request("/console/api/session").GET());
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(json(current).get("CsrfToken").asText()).isEqualTo(session.csrfToken());
        assertThat(send(HttpRequest.newBuilder(uri("/console/api/session")).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void logOff_needsTheCsrfTokenThenEndsTheSessionOnTheServer() {
        Session session = Session.of(logOn(accessKeySecret));
        assertThat(send(session.request("/console/api/session").DELETE()).statusCode()).isEqualTo(403);

        HttpResponse<String> logOff = send(session.request("/console/api/session").header("X-CSRF-Token", session.csrfToken()).DELETE());
        assertThat(logOff.statusCode()).isEqualTo(204);
        assertThat(logOff.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(SessionCookie.NAME + "=;")
                .containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970");

        HttpResponse<String> afterwards = send(session.request("/api/v1/regions").GET());
        assertThat(afterwards.statusCode()).isEqualTo(401);
        assertThat(json(afterwards).get("Message").asText()).contains("log on again");
    }

    @Test
    void logOnAndLogOff_eachGetAnOperatorAuditRecord_namingTheAdminButNoSecret() {
        HttpResponse<String> logOn = logOn(accessKeySecret);
        Session session = Session.of(logOn);
        HttpResponse<String> logOff = send(session.request("/console/api/session").header("X-CSRF-Token", session.csrfToken()).DELETE());
        assertThat(logOff.statusCode()).isEqualTo(204);

        List<JsonNode> records = AuditRecords.operatorLog(home);
        JsonNode on = AuditRecords.only(records, AuditRecords.has("RequestId", requestId(logOn)));
        JsonNode off = AuditRecords.only(records, AuditRecords.has("RequestId", requestId(logOff)));
        assertThat(on.get("ApiName").asText()).isEqualTo("ConsoleLogOn");
        assertThat(off.get("ApiName").asText()).isEqualTo("ConsoleLogOff");
        for (JsonNode record : List.of(on, off)) {
            assertThat(record.get("Level").asText()).isEqualTo("INFO");
            assertThat(record.get("Principal").asText()).isEqualTo(accessKeyId);
            assertThat(record.get("AccessKeyId").asText()).isEqualTo(accessKeyId);
            assertThat(record.get("IdentityType").asText()).isEqualTo("ConsoleSession");
            assertThat(record.get("ClientIp").asText()).isEqualTo("127.0.0.1");
            assertThat(record.has("InstanceId")).isFalse();
        }
        assertThat(off.get("StatusCode").asInt()).isEqualTo(204);
        String sessionId = session.cookie().substring(session.cookie().indexOf('=') + 1);
        assertThat(String.join("\n", records.stream().map(JsonNode::toString).toList()))
                .doesNotContain(accessKeySecret).doesNotContain(sessionId).doesNotContain(session.csrfToken());
    }

    @Test
    void failedLogOn_getsAWarnRecord_withThePresentedKeyIdOnlyWhenItIsShapedLikeOne() {
        HttpResponse<String> wrongSecret = logOn("not-the-secret");
        String misplacedSecret = ApiJson.mapper().createObjectNode().put("AccessKeyId", accessKeySecret)
                .put("AccessKeySecret", "x").toString();
        HttpResponse<String> secretAsKeyId = send(HttpRequest.newBuilder(uri("/console/api/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(misplacedSecret)));
        HttpResponse<String> refusedLogOff = send(HttpRequest.newBuilder(uri("/console/api/session")).DELETE());
        assertThat(List.of(wrongSecret.statusCode(), secretAsKeyId.statusCode(), refusedLogOff.statusCode())).containsOnly(401);

        List<JsonNode> records = AuditRecords.operatorLog(home);
        JsonNode wrong = AuditRecords.only(records, AuditRecords.has("RequestId", requestId(wrongSecret)));
        assertThat(wrong.get("ApiName").asText()).isEqualTo("ConsoleLogOn");
        assertThat(wrong.get("Level").asText()).isEqualTo("WARN");
        assertThat(wrong.get("StatusCode").asInt()).isEqualTo(401);
        assertThat(wrong.get("ErrorCode").asText()).isEqualTo("Unauthorized");
        assertThat(wrong.get("AccessKeyId").asText()).isEqualTo(accessKeyId);
        assertThat(wrong.has("Principal")).as("not authenticated").isFalse();
        JsonNode misplaced = AuditRecords.only(records, AuditRecords.has("RequestId", requestId(secretAsKeyId)));
        assertThat(misplaced.has("AccessKeyId")).as("a secret typed as the key id is not kept").isFalse();
        JsonNode noSession = AuditRecords.only(records, AuditRecords.has("RequestId", requestId(refusedLogOff)));
        assertThat(noSession.get("ApiName").asText()).isEqualTo("ConsoleLogOff");
        assertThat(noSession.get("ErrorCode").asText()).isEqualTo("Unauthorized");
        assertThat(String.join("\n", records.stream().map(JsonNode::toString).toList())).doesNotContain(accessKeySecret);
    }

    @Test
    void consolePage_isServedWithHeadersThatKeepItFromBeingFramedOrInjected() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/console/")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script src=\"console.js\" defer></script>").contains("Dedicated KMS");
    }

    @Test
    void consoleAssets_areAllLocal() {
        for (String asset : List.of("/console/", "/console/console.js", "/console/console.css", "/console/favicon.svg")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(asset)).GET());
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            String body = response.body().replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assertThat(body).as(asset + " loads nothing from elsewhere")
                    .doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        }
        assertThat(send(HttpRequest.newBuilder(uri("/console/console.js")).GET()).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
    }

    @Test
    void consolePaths_redirectOrAreNotFound() {
        assertThat(send(HttpRequest.newBuilder(uri("/")).GET()).headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        assertThat(send(HttpRequest.newBuilder(uri("/console")).GET()).headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        assertThat(send(HttpRequest.newBuilder(uri("/console/secret.txt")).GET()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/console/api/other")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void status_namesTheConsoleUrl() {
        assertThat(server.get("/api/v1/status").text("ConsoleUrl")).isEqualTo(server.apiUrl() + "/console/");
    }

    private static HttpResponse<String> logOn(String secret) {
        String body = ApiJson.mapper().createObjectNode().put("AccessKeyId", accessKeyId).put("AccessKeySecret", secret).toString();
        return send(HttpRequest.newBuilder(uri("/console/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static HttpRequest.BodyPublisher empty() {
        return HttpRequest.BodyPublishers.noBody();
    }

    private static URI uri(String path) {
        return URI.create(server.apiUrl() + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return server.httpClient().send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return ApiJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A logged-on session as a browser holds it: the cookie, and the CSRF token the page keeps. */
    private record Session(String cookie, String csrfToken) {
        static Session of(HttpResponse<String> logOn) {
            String setCookie = logOn.headers().firstValue("Set-Cookie").orElseThrow();
            return new Session(setCookie.substring(0, setCookie.indexOf(';')), json(logOn).get("CsrfToken").asText());
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(uri(path)).header("Cookie", cookie);
        }
    }
}
