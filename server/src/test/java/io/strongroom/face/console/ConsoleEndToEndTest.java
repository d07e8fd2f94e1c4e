package io.strongroom.face.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.strongroom.api.ApiJson;
import io.strongroom.platform.DataDirectory;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator manual's four console flows, driven in headless Chromium (Debian's, not a
 * downloaded one) against the real server and a two-node SoftHSM2 cluster: what the page
 * shows, then what the API reports. The flows run in the manual's order on one logged-on page.
 * Screenshots of each flow's end state go to {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Locator.GetByLabelOptions EXACT = new Locator.GetByLabelOptions().setExact(true);

    @TempDir
    static Path home;
    static TestServer server;
    static String instanceId;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    static Page page;
    static final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "the console tests need Chromium at " + CHROMIUM + " (apt-get install chromium)");
        Files.createDirectories(SCREENSHOTS);
        server = TestServer.start(home);
        instanceId = TestClusters.enabledInstance(server);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // The browser trusts exactly the server's key (pinned by its SPKI hash, read over a
        // connection that checked the certificate against the management CA), not any certificate.
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--ignore-certificate-errors-spki-list=" + serverKeyPin())));
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setAcceptDownloads(true));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onPageError(error -> pageErrors.add("page error: " + error));
        page.onConsoleMessage(message -> {
            // A refused request (401, 403) is logged by Chromium itself; anything else is the page's fault.
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                pageErrors.add("console: " + message.text());
            }
        });
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(0)
    void logOn_withTheAdminKey_showsTheConsole() throws IOException {
        page.navigate(server.apiUrl() + "/console/");
        expect(page.locator("#logon-view")).isVisible();
        var credential = ApiJson.mapper().readTree(new DataDirectory(home).adminCredentialFile().toFile());
        page.getByLabel("AccessKeyId").fill(credential.get("AccessKeyId").asText());
        page.getByLabel("AccessKeySecret").fill("wrong secret");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log on")).click();
        expect(page.locator("#logon-message")).containsText("strongroom admin credential");

        page.getByLabel("AccessKeySecret").fill(credential.get("AccessKeySecret").asText());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log on")).click();
        expect(page.locator("#app")).isVisible();
        expect(page.locator("#principal")).hasText(credential.get("AccessKeyId").asText());
        assertThat(page.url()).doesNotContain(credential.get("AccessKeySecret").asText());
        expect(page.locator("#region option")).hasCount(7);
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(1)
    void query_regionDedicatedKmsDetails_showsWhatTheApiDescribes() {
        page.getByLabel("Region").selectOption("cn-shanghai");
        expect(page.locator("#instances tbody")).containsText("No instances in China (Shanghai)");
        page.getByLabel("Region").selectOption("cn-hangzhou");
        page.getByRole(AriaRole.NAVIGATION).getByText("Dedicated KMS").click();
        row().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details")).click();

        TestServer.Response described = server.get("/api/v1/instances/" + instanceId);
        expect(page.locator("#details")).isVisible();
        expect(page.locator("#d-instance-id")).hasText(described.text("InstanceId"));
        expect(page.locator("#d-vpc-address")).hasText(described.text("VpcAddress"));
        expect(page.locator("#d-vpc-id")).hasText(described.text("VpcId"));
        expect(page.locator("#d-hsm-cluster")).hasText(described.text("HsmClusterId"));
        expect(page.locator("#d-status")).hasText("Enabled");
        expect(page.locator("#d-edition")).hasText("Standard");
        expect(page.locator("#d-spec")).hasText("1000 QPS");
        expect(page.locator("#d-security-audit")).hasText("Disabled");
        assertThat(page.locator("#details dt").allTextContents()).contains("Dedicated HSM Cluster", "VPC Address", "VPC ID");

        Download download = page.waitForDownload(() -> page.locator("#d-ca-download").click());
        assertThat(download.suggestedFilename()).isEqualTo("PrivateKmsCA_" + instanceId + ".pem");
        assertThat(read(download.path())).isEqualTo(described.text("CaCertificateChainPem"));
        screenshot("1-query");

        page.setViewportSize(400, 800);
        try {
            assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).as("no sideways scrolling").isLessThanOrEqualTo(400);
            expect(page.locator("#d-vpc-address")).isVisible();
            screenshot("1-query-narrow");
            page.keyboard().press("Escape");
            expect(row().locator(".status")).isVisible();
            assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(400);
            screenshot("1-list-narrow");
        } finally {
            page.setViewportSize(1280, 800);
        }
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(2)
    void disconnect_fromTheDetailsPanel_turnsTheStatusDisabledWithoutReload() {
        ensureDetailsOpen();
        page.evaluate("window.notReloaded = true");
        page.locator("#details").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disconnect")).click();
        Locator dialog = page.locator("#disconnect-dialog");
        expect(dialog.getByRole(AriaRole.HEADING)).hasText("Disconnect");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disconnect").setExact(true)).click();

        expect(dialog).isHidden();
        expect(row().locator(".status")).hasText("Disabled");
        expect(page.locator("#d-status")).hasText("Disabled");
        assertThat(page.evaluate("window.notReloaded === true")).isEqualTo(true);
        assertThat(server.get("/api/v1/instances/" + instanceId).text("Status")).isEqualTo("Disabled");
        screenshot("2-disconnect");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(3)
    void enable_withAWrongPassword_showsTheErrorCodeAndStaysDisabled() {
        page.keyboard().press("Escape");
        expect(page.locator("#details")).isHidden();
        openConnectDialog();
        expect(connectDialog().getByLabel("User", EXACT)).isFocused();
        page.keyboard().press("Escape");
        expect(page.locator("#connect-dialog")).isHidden();

        openConnectDialog();
        expect(connectDialog().getByLabel("User", EXACT)).hasValue("kmsuser");
        connectDialog().getByLabel("Password", EXACT).fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect to HSM")).click();

        expect(page.locator("#alert")).containsText("INVALID_CREDENTIALS");
        expect(row().locator(".status")).hasText("Disabled");
        TestServer.Response described = server.get("/api/v1/instances/" + instanceId);
        assertThat(described.text("Status")).isEqualTo("Disabled");
        assertThat(described.text("ErrorCode")).isEqualTo("INVALID_CREDENTIALS");
        expect(page.locator("#alert")).containsText(described.text("ErrorMessage"));
        screenshot("3-connect-failed");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(4)
    void enable_withTheRightPassword_showsCreatingThenEnabled() {
        // Records every status the row shows, so that a short Creating is seen too.
        page.evaluate("""
                id => {
                  window.statuses = [];
                  const record = () => {
                    const cell = document.querySelector(`#instances tr[data-instance-id="${id}"] .status`);
                    const text = cell && cell.textContent;
                    if (text && window.statuses[window.statuses.length - 1] !== text) window.statuses.push(text);
                  };
                  record();
                  new MutationObserver(record).observe(document.querySelector('#instances tbody'),
                      {childList: true, subtree: true, characterData: true});
                }""", instanceId);
        openConnectDialog();
        connectDialog().getByLabel("Password", EXACT).fill(TestClusters.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect to HSM")).click();

        expect(row().locator(".status")).hasText("Enabled");
        expect(page.locator("#notice")).containsText("Enabled");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) page.evaluate("window.statuses");
        assertThat(seen).containsSubsequence("Disabled", "Creating", "Enabled");
        assertThat(server.get("/api/v1/instances/" + instanceId).text("Status")).isEqualTo("Enabled");
        expect(row().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable"))).hasCount(0);
        screenshot("3-reconnect");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(5)
    void securityAudit_toggle_enablesWithThePickedBucket_thenDisables() {
        ensureDetailsOpen();
        Locator toggle = page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Security Audit"));
        toggle.click();
        expect(page.locator("#security-audit-note")).isVisible();
        expect(toggle).hasAttribute("aria-checked", "false");
        page.getByLabel("Destination Bucket").selectOption("demo-audit");
        screenshot("4-security-audit-picker");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enable Security Audit")).click();
        expect(toggle).hasAttribute("aria-checked", "true");
        expect(page.locator("#d-security-audit")).hasText("Enabled (Destination Bucket demo-audit)");
        expect(page.locator("#security-audit-note")).isHidden();
        expect(page.locator("#d-audit-backlog")).containsText(java.util.regex.Pattern.compile("Waiting for delivery on node \\S+: \\d+ records? in \\d+ intervals?; "));
        assertThat(server.get("/api/v1/instances/" + instanceId).text("AuditBucket")).isEqualTo("demo-audit");
        screenshot("4-security-audit");
        toggle.click();
        expect(toggle).hasAttribute("aria-checked", "false");
        expect(page.locator("#d-security-audit")).hasText("Disabled");
        expect(page.locator("#d-audit-backlog")).isHidden();
        assertThat(server.get("/api/v1/instances/" + instanceId).text("SecurityAudit")).isEqualTo("Disabled");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(6)
    void hsmClusters_page_showsTheClusterAndItsNodesHealth() {
        server.server().checkHealthNow();
        String clusterId = server.get("/api/v1/instances/" + instanceId).text("HsmClusterId");
        page.getByRole(AriaRole.NAVIGATION).getByText("HSM Clusters").click();
        Locator card = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("HSM cluster " + clusterId));
        expect(card).containsText("Initialized");
        expect(card).containsText(instanceId);
        expect(card.locator("tbody tr")).hasCount(2);
        expect(card.locator(".health-healthy")).hasCount(2);
        screenshot("5-hsm-clusters");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(7)
    void createInstance_onAFreeCluster_endsEnabled() {
        TestClusters.Registered cluster = TestClusters.initialized(server);
        page.getByRole(AriaRole.NAVIGATION).getByText("Dedicated KMS").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Instance")).click();
        Locator dialog = page.locator("#create-dialog");
        expect(dialog.getByLabel("Dedicated HSM Cluster")).hasValue(cluster.hsmClusterId());
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Instance")).click();
        expect(dialog.locator(".alert")).containsText("InstanceName");

        dialog.getByLabel("Instance Name").fill("payments");
        dialog.getByLabel("VPC ID").fill("vpc-bp2console");
        dialog.getByLabel("Allowed CIDRs").fill("10.1.0.0/16\n192.168.0.0/24");
        dialog.getByLabel("Password", EXACT).fill(TestClusters.PASSWORD);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Instance")).click();

        expect(dialog).isHidden();
        Locator created = page.locator("#instances tbody tr").filter(new Locator.FilterOptions().setHasText("payments"));
        expect(created.locator(".status")).hasText("Enabled");
        TestServer.Response described = server.get("/api/v1/instances/" + created.getAttribute("data-instance-id"));
        assertThat(described.text("Status")).isEqualTo("Enabled");
        assertThat(described.text("VpcId")).isEqualTo("vpc-bp2console");
        assertThat(described.text("HsmClusterId")).isEqualTo(cluster.hsmClusterId());
        assertThat(described.json().get("AllowedCidrs")).extracting(JsonNode::asText).containsExactly("10.1.0.0/16", "192.168.0.0/24");
        screenshot("6-create-instance");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(8)
    void access_networkRulePolicyAapClientKey_downloadsTheKeyFileOnce() throws Exception {
        page.getByRole(AriaRole.NAVIGATION).getByText("Dedicated KMS").click();
        ensureDetailsOpen();
        page.locator("#details").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Network rules, policies, access points and client keys")).click();
        expect(page.locator("#access-title")).hasText("Access: " + instanceId);
        expect(page.locator("#details")).isHidden();
        String api = "/api/v1/instances/" + instanceId;

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Network Rule")).click();
        Locator rule = page.locator("#rule-dialog");
        rule.getByLabel("Name", EXACT).fill("office");
        rule.getByLabel("Source private IPs").fill("10.0.0.0/8\n192.168.1.10");
        rule.getByLabel("Description").press("Enter"); // the keyboard submits the form
        expect(rule).isHidden();
        expect(page.locator("#rules tr[data-name='office']")).containsText("10.0.0.0/8, 192.168.1.10");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Policy")).click();
        Locator policy = page.locator("#policy-dialog");
        expect(policy.getByLabel("Permissions")).hasValue("RbacPermission/Template/CryptoServiceKeyUser");
        policy.getByLabel("Name", EXACT).fill("app-keys");
        policy.getByLabel("office").check();
        policy.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Policy")).click();
        expect(policy).isHidden();
        expect(page.locator("#policies tr[data-name='app-keys']")).containsText("key/*");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Application Access Point")).click();
        Locator aap = page.locator("#aap-dialog");
        aap.getByLabel("Name", EXACT).fill("payments-app");
        aap.getByLabel("app-keys").check();
        aap.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Application Access Point")).click();
        expect(aap).isHidden();
        expect(page.locator("#aaps tr[data-name='payments-app']")).containsText("app-keys");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create Client Key")).click();
        Locator key = page.locator("#client-key-dialog");
        expect(key.getByLabel("Application access point")).hasValue("payments-app");
        expect(key.locator("#client-key-rules")).containsText("8 to 64 characters");
        assertThat(key.getByLabel("Password", EXACT).getAttribute("type")).isEqualTo("password");
        assertThat(key.getByLabel("Confirm password").getAttribute("type")).isEqualTo("password");
        key.getByLabel("Password", EXACT).fill("Client-Key-2026");
        key.getByLabel("Confirm password").fill("Client-Key-2027");
        key.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Client Key")).click();
        expect(key.locator(".alert")).containsText("do not match");
        key.getByLabel("Password", EXACT).fill("lowercaseonly");
        key.getByLabel("Confirm password").fill("lowercaseonly");
        key.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Client Key")).click();
        expect(key.locator(".alert")).containsText("InvalidParameter");
        assertThat(server.get(api + "/client-keys").json().get("ClientKeys")).isEmpty();

        String password = "Client-Key-2026";
        key.getByLabel("Password", EXACT).fill(password);
        key.getByLabel("Confirm password").fill(password);
        key.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create Client Key")).click();
        expect(key.locator("#client-key-issued")).isVisible();
        expect(key.locator("#client-key-form")).isHidden();
        expect(key.locator("#client-key-once")).containsText("cannot be downloaded again");
        expect(key.locator("#client-key-once")).containsText("keeps only the public key");
        JsonNode listed = server.get(api + "/client-keys").json().get("ClientKeys");
        assertThat(listed).hasSize(1);
        String clientKeyId = listed.get(0).get("ClientKeyId").asText();
        expect(page.locator("#client-keys tr[data-name='" + clientKeyId + "']")).containsText("payments-app");
        screenshot("8-access-download");

        Locator downloadButton = key.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download clientKey_" + clientKeyId + ".json"));
        Download download = page.waitForDownload(downloadButton::click);
        assertThat(download.suggestedFilename()).isEqualTo("clientKey_" + clientKeyId + ".json");
        JsonNode file = ApiJson.mapper().readTree(read(download.path()));
        assertThat(file.get("KeyId").asText()).isEqualTo(clientKeyId);
        String privateKeyData = file.get("PrivateKeyData").asText();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(privateKeyData)), password.toCharArray());
        assertThat(store.isKeyEntry(clientKeyId)).isTrue();
        assertThat(store.getKey(clientKeyId, password.toCharArray()).getAlgorithm()).isEqualTo("RSA");

        // Offered once: the button is spent, and the private key is nowhere in the page.
        expect(key.locator("#client-key-download")).isDisabled();
        String sample = privateKeyData.substring(100, 160);
        assertThat(page.content()).doesNotContain(sample);
        key.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close").setExact(true)).click();
        expect(key).isHidden();
        assertThat(page.content()).doesNotContain(sample);
        assertThat(key.getByLabel("Password", EXACT).inputValue()).isEmpty();

        page.locator("#policies tr[data-name='app-keys']").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete policy app-keys")).click();
        Locator delete = page.locator("#delete-dialog");
        expect(delete.getByRole(AriaRole.HEADING)).hasText("Delete policy");
        delete.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        expect(delete.locator(".alert")).containsText("Still in use");
        expect(delete.locator(".alert")).containsText("payments-app");
        expect(delete.locator(".alert")).containsText("ResourceInUse");
        assertThat(server.get(api + "/policies").json().get("Policies")).hasSize(1);
        screenshot("8-access");

        page.setViewportSize(400, 800);
        try {
            page.keyboard().press("Escape");
            expect(delete).isHidden();
            assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).as("no sideways scrolling").isLessThanOrEqualTo(400);
            expect(page.locator("#client-keys tr[data-name='" + clientKeyId + "']")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("8-access-narrow.png")).setFullPage(true));
        } finally {
            page.setViewportSize(1280, 800);
        }
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(9)
    void changeWithoutCsrfToken_isRefusedAndChangesNothing() {
        String path = "/api/v1/instances/" + instanceId + "/disconnect";
        Object inPage = page.evaluate("path => fetch(path, {method: 'POST'}).then(response => response.status)", path);
        assertThat(inPage).as("the browser sends the cookie, not the token").isEqualTo(403);

        HttpResponse<String> noToken = send(HttpRequest.newBuilder(URI.create(server.apiUrl() + path))
                .header("Cookie", SessionCookie.NAME + "=" + sessionCookie()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("\"Code\" : \"Forbidden\"");
        HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(URI.create(server.apiUrl() + path))
                .header("Cookie", SessionCookie.NAME + "=" + sessionCookie()).header("X-CSRF-Token", "guess")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/instances/" + instanceId).text("Status")).isEqualTo("Enabled");
    }

    @Test
    @Order(10)
    void logOut_endsTheSessionForThePageAndForItsCookie() {
        String cookie = sessionCookie();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        expect(page.locator("#logon-message")).hasText("You are logged out.");
        assertThat(page.evaluate("fetch('/api/v1/regions').then(response => response.status)")).isEqualTo(401);
        HttpResponse<String> replayed = send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/api/v1/regions"))
                .header("Cookie", SessionCookie.NAME + "=" + cookie).GET());
        assertThat(replayed.statusCode()).as("the server forgot the session, not only the browser").isEqualTo(401);
        screenshot("7-logged-out");
        assertThat(pageErrors).isEmpty();
    }

    private static Locator connectDialog() {
        return page.locator("#connect-dialog");
    }

    private static Locator row() {
        return page.locator("#instances tr[data-instance-id='" + instanceId + "']");
    }

    private static void ensureDetailsOpen() {
        if (!page.locator("#details").isVisible()) {
            row().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Details")).click();
        }
        expect(page.locator("#d-instance-id")).hasText(instanceId);
    }

    private static void openConnectDialog() {
        row().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable")).click();
        expect(page.locator("#connect-dialog").getByRole(AriaRole.HEADING)).hasText("Connect to HSM");
    }

    private static String sessionCookie() {
        return context.cookies().stream().filter(cookie -> cookie.name.equals(SessionCookie.NAME))
                .map(cookie -> cookie.value).findFirst().orElseThrow();
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static void screenshot(String flow) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(flow + ".png")));
    }

    /** Base64 of the SHA-256 of the server's public key, from a connection that verified it against the management CA. */
    private static String serverKeyPin() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/api/v1/openapi.yaml")).GET());
        Certificate leaf;
        try {
            leaf = response.sslSession().orElseThrow().getPeerCertificates()[0];
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
        } catch (javax.net.ssl.SSLPeerUnverifiedException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return server.httpClient().send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
