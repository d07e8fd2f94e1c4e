package io.strongroom.face.dkms;

import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceEndpoints;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.Certificates;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The endpoint's TLS identities: for each instance, a certificate for
 * {@code {InstanceId}.cryptoservice.kms.{domain}} issued by the instance's own CA, chosen by SNI.
 * Leaf keys live in memory only and are made anew at each start; clients trust the CA.
 */
public final class EndpointTls {
    private static final Duration LEAF_VALIDITY = Duration.ofDays(397);
    private final InstanceService instances;
    private final InstanceEndpoints endpoints;
    private final char[] password;
    private final SslContextFactory.Server factory = new SslContextFactory.Server();

    public EndpointTls(InstanceService instances, InstanceEndpoints endpoints) {
        this.instances = instances;
        this.endpoints = endpoints;
        SecureRandom random = new SecureRandom();
        this.password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        factory.setKeyStore(keyStore(instances.all()));
        factory.setKeyStorePassword(new String(password));
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        factory.setSniRequired(false);
    }

    public SslContextFactory.Server factory() {
        return factory;
    }

    /** Adds a new instance's certificate to the running listener. */
    public void add(Instance instance) {
        try {
            factory.reload(reloaded -> reloaded.setKeyStore(keyStore(instances.all())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the TLS certificate of " + instance.instanceId(), e);
        }
    }

    private KeyStore keyStore(List<Instance> all) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (all.isEmpty()) {
                // A listener needs a key even before the first instance exists; nobody trusts this one.
                Certificates.Authority throwaway = Certificates.newAuthority("Strongroom endpoint", LEAF_VALIDITY);
                Certificates.Authority placeholder = Certificates.issueServer(throwaway, "localhost", List.of("localhost"),
                        List.of(), LEAF_VALIDITY);
                store.setKeyEntry("no-instance", placeholder.privateKey(), password, new Certificate[]{placeholder.certificate()});
            }
            // Only instance certificates otherwise: with one, Jetty serves it to every client; with more, it picks by SNI.
            for (Instance instance : all) {
                Certificates.Authority ca = instances.certificateAuthority(instance);
                String host = endpoints.hostName(instance.instanceId());
                Certificates.Authority leaf = Certificates.issueServer(ca, host, List.of(host), List.of(), LEAF_VALIDITY);
                store.setKeyEntry(instance.instanceId(), leaf.privateKey(), password,
                        new Certificate[]{leaf.certificate(), ca.certificate()});
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the endpoint's TLS key store", e);
        }
    }
}
