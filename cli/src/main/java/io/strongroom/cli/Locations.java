package io.strongroom.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the CLI finds the server, its CA and the admin key: each from its flag, else its
 * environment variable, else the file the running server keeps in the data directory.
 */
final class Locations {
    static final String HOME_VARIABLE = "STRONGROOM_HOME";
    static final String API_URL_VARIABLE = "STRONGROOM_API_URL";
    static final String CREDENTIAL_FILE_VARIABLE = "STRONGROOM_CREDENTIAL_FILE";
    static final String CA_FILE_VARIABLE = "STRONGROOM_CA_FILE";

    private final Path home;
    private final Optional<String> apiUrl;
    private final Path credentialFile;
    private final Optional<Path> caFile;

    private Locations(Path home, Optional<String> apiUrl, Path credentialFile, Optional<Path> caFile) {
        this.home = requireNonNull(home, "home");
        this.apiUrl = requireNonNull(apiUrl, "apiUrl");
        this.credentialFile = requireNonNull(credentialFile, "credentialFile");
        this.caFile = requireNonNull(caFile, "caFile");
    }

    /** Resolves each location: the flag's value if given (non-null), else the environment's, else the default. */
    static Locations resolve(Path home, String apiUrl, Path credentialFile, Path caFile, Map<String, String> environment) {
        Path resolvedHome = home != null ? home : variable(environment, HOME_VARIABLE).map(Path::of).orElse(Path.of("data"));
        Optional<String> resolvedApiUrl = Optional.ofNullable(apiUrl).or(() -> variable(environment, API_URL_VARIABLE));
        Path resolvedCredential = credentialFile != null ? credentialFile : variable(environment, CREDENTIAL_FILE_VARIABLE)
                .map(Path::of).orElse(resolvedHome.resolve("admin").resolve("credential.json"));
        Optional<Path> resolvedCa = Optional.ofNullable(caFile).or(() -> variable(environment, CA_FILE_VARIABLE).map(Path::of));
        return new Locations(resolvedHome, resolvedApiUrl, resolvedCredential, resolvedCa);
    }

    private static Optional<String> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    Path home() {
        return home;
    }

    Path credentialFile() {
        return credentialFile;
    }

    Path serverStatusFile() {
        return home.resolve("run").resolve("server.json");
    }

    Path defaultCaFile() {
        return home.resolve("tls").resolve("management-ca.pem");
    }

    /**
     * The CA file to trust, and only it: the one named by flag or environment (which must
     * exist), else the data directory's; empty when neither exists (trust the JDK's CAs).
     */
    Optional<Path> trustedCaFile() {
        if (caFile.isPresent()) {
            if (!Files.isReadable(caFile.get())) {
                throw new CliException("cannot read the CA file " + caFile.get() + " (--ca-file or " + CA_FILE_VARIABLE + ")");
            }
            return caFile;
        }
        return Files.exists(defaultCaFile()) ? Optional.of(defaultCaFile()) : Optional.empty();
    }

    /** The API's base URL (scheme, host, port), from flag or environment, else from the running server's status file. */
    URI apiBase() {
        String url = apiUrl.orElseGet(this::apiUrlOfRunningServer).strip();
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/api/v1")) {
            url = url.substring(0, url.length() - "/api/v1".length());
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException("the API URL '" + url + "' is not a URL");
        }
        // The admin access key travels in every request: never over plain HTTP.
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new CliException("the API URL '" + url + "' is not an https:// URL (the management API is served over HTTPS only)");
        }
        return uri;
    }

    private String apiUrlOfRunningServer() {
        Path file = serverStatusFile();
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("no Strongroom server has run on the data directory " + home.toAbsolutePath()
                    + " (" + file + " does not exist): start one with 'bin/strongroom up', "
                    + "or name yours with --home (" + HOME_VARIABLE + ") or --api-url (" + API_URL_VARIABLE + ")");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        // Only ApiUrl is needed: the rest of this ServerStatus may be of another server version.
        String apiUrl = Json.parse(json, JsonNode.class, file.toString()).path("ApiUrl").asText("");
        if (apiUrl.isBlank()) {
            throw new CliException(file + " has no ApiUrl: pass --api-url");
        }
        return apiUrl;
    }

    /** Reads the admin access key; never calls the server. */
    AdminKey adminKey() {
        String json;
        try {
            json = Files.readString(credentialFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("there is no admin credential at " + credentialFile + ": run where the server's data directory is "
                    + "(--home, " + HOME_VARIABLE + "; default ./data), or pass --credential-file (" + CREDENTIAL_FILE_VARIABLE + ")");
        } catch (IOException e) {
            throw new CliException("cannot read the admin credential " + credentialFile + ": " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = Json.parse(json, JsonNode.class, "the admin credential");
        } catch (CliException e) {
            // No parser detail: it would quote the file, and a file given here by mistake may hold a secret.
            throw new CliException("the admin credential " + credentialFile + " is not JSON with AccessKeyId and AccessKeySecret");
        }
        String accessKeyId = node.path("AccessKeyId").asText("");
        String accessKeySecret = node.path("AccessKeySecret").asText("");
        if (accessKeyId.isEmpty() || accessKeySecret.isEmpty()) {
            throw new CliException("the admin credential " + credentialFile + " lacks AccessKeyId or AccessKeySecret");
        }
        return new AdminKey(accessKeyId, accessKeySecret);
    }
}
