package io.strongroom.cli;

import io.strongroom.api.ErrorBody;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A client of the management API ({@code /api/v1}) over HTTPS, authenticated with the admin
 * access key. It trusts exactly the management CA when one is known (so a stranger's
 * certificate for the same address is refused) and the JDK's CAs otherwise. Every failure
 * becomes an {@link ApiException} (the API's error) or a {@link CliException} that says what
 * to do; none escapes as a raw {@link IOException}.
 */
final class ApiClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // The domain-key ceremony of 'hsm-cluster init' runs inside the request; HSM calls time out well before this.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final String USER_AGENT = "strongroom-cli/" + Main.VERSION;

    private final URI base;
    private final String trusted;
    private final AdminKey adminKey;
    private final HttpClient http;

    private ApiClient(URI base, String trusted, AdminKey adminKey, HttpClient http) {
        this.base = requireNonNull(base, "base");
        this.trusted = requireNonNull(trusted, "trusted");
        this.adminKey = requireNonNull(adminKey, "adminKey");
        this.http = requireNonNull(http, "http");
    }

    /** Finds the API, its CA and the admin key, failing before any request if one is missing. */
    static ApiClient open(Locations locations) {
        URI base = locations.apiBase();
        AdminKey adminKey = locations.adminKey();
        Optional<Path> ca = locations.trustedCaFile();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        ca.ifPresent(file -> builder.sslContext(trusting(file)));
        String trusted = ca.map(file -> "the CA in " + file).orElse("the JDK's trusted CAs");
        return new ApiClient(base, trusted, adminKey, builder.build());
    }

    URI base() {
        return base;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    /** POSTs a JSON body, then zeroes it: a body may hold an HSM password. */
    Reply post(String path, byte[] json) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    Reply put(String path, byte[] json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Percent-encodes one path segment or query value, so that an id can never change the path. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("Authorization", adminKey.authorization());
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw explain(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the Strongroom API at " + base, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), errorBody(response));
        }
        return new Reply(response.statusCode(), response.body());
    }

    private static ErrorBody errorBody(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        try {
            ErrorBody error = Json.parse(body, ErrorBody.class, "the error");
            if (error.code() != null) {
                return error;
            }
        } catch (CliException notAnErrorBody) {
            // Not the API's error format (a proxy in the way, say): show the status and the start of the body.
        }
        String shown = body.strip();
        return new ErrorBody("HTTP " + response.statusCode(), shown.isEmpty() ? "(no body)"
                : shown.substring(0, Math.min(shown.length(), 200)), null);
    }

    private CliException explain(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new CliException("cannot reach the Strongroom API at " + base + " (no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + "s): is the server running? (bin/strongroom up)", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new CliException("the Strongroom API at " + base + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + "s", failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return new CliException("cannot reach the Strongroom API at " + base + ": is the server running? (bin/strongroom up)", failure);
            }
            if (cause instanceof SSLException) {
                String reason = String.valueOf(cause.getMessage()).contains("PKIX path")
                        ? "it was not issued by " + trusted : cause.getMessage() + "; the CLI trusts " + trusted;
                return new CliException("the TLS certificate of the Strongroom API at " + base + " was not accepted (" + reason
                        + "): pass --ca-file with the CA that issued it (a server's is tls/management-ca.pem in its data directory)", failure);
            }
        }
        return new CliException("cannot talk to the Strongroom API at " + base + ": " + failure, failure);
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CliException("the CA file " + caFile + " holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trust.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new CliException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CliException("the CA file " + caFile + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    /** A successful answer: its status and its JSON body, exactly as the API sent it. */
    record Reply(int status, String body) {
        <T> T as(Class<T> type) {
            return Json.parse(body, type, "the API's answer");
        }
    }
}
