package io.strongroom.platform;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The management API's TLS identity: a CA made for this data directory
 * ({@code tls/management-ca.pem}, which the CLI trusts) and a server certificate for
 * localhost, the loopback addresses and the configured listen host.
 */
public final class ManagementTls {
    private ManagementTls() {
    }

    /** Creates the CA and the server certificate on first use. */
    public static void ensure(DataDirectory home, String listenHost) {
        if (Files.exists(home.managementTlsKey()) && Files.exists(home.managementTlsCertificate())) {
            return;
        }
        Certificates.Authority ca = Certificates.newAuthority("Strongroom management CA", Duration.ofDays(3650));
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        if (listenHost.matches("[0-9.]+|.*:.*")) {
            if (!listenHost.equals("0.0.0.0") && !listenHost.equals("::")) {
                ips.add(listenHost);
            }
        } else {
            dns.add(listenHost);
        }
        Certificates.Authority server = Certificates.issueServer(ca, "strongroom-management", List.copyOf(dns), List.copyOf(ips),
                Duration.ofDays(825));
        DataDirectory.writePublic(home.managementCaCertificate(), Certificates.pem(ca.certificate()));
        DataDirectory.writeSecret(home.managementTlsKey(), Base64.getEncoder().encode(server.privateKey().getEncoded()));
        DataDirectory.writePublic(home.managementTlsCertificate(), Certificates.pem(server.certificate()) + Certificates.pem(ca.certificate()));
    }

    /** An in-memory key store holding the server key and chain, protected by the given throwaway password. */
    public static KeyStore keyStore(DataDirectory home, char[] password) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(home.managementTlsKey(), StandardCharsets.US_ASCII).strip());
            String chain = Files.readString(home.managementTlsCertificate(), StandardCharsets.US_ASCII);
            String[] pems = chain.split("(?<=-----END CERTIFICATE-----\n)");
            Certificate[] certificates = new Certificate[pems.length];
            for (int i = 0; i < pems.length; i++) {
                certificates[i] = Certificates.parseCertificate(pems[i]);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("management", Certificates.parsePrivateKey(key), password, certificates);
            java.util.Arrays.fill(key, (byte) 0);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the management TLS files in " + home.root().resolve("tls"), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the management TLS key", e);
        }
    }
}
