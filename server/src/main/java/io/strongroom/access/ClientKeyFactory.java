package io.strongroom.access;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Makes a client key: an RSA-2048 key pair and a self-signed certificate in a PKCS#12 store
 * protected by the caller's password (the {@code PrivateKeyData} of
 * {@code clientKey_KAAP.<uuid>.json}). The private key exists only in that store; the server
 * keeps the public key.
 */
final class ClientKeyFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientKeyFactory() {
    }

    /** The store handed out once, and the public key kept. Holds no secret in clear. */
    record Issued(String privateKeyData, String publicKey) {
    }

    static Issued issue(String clientKeyId, char[] password, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + clientKeyId + ",O=Strongroom client key");
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    subject, new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(clientKeyId, pair.getPrivate(), password, new Certificate[]{certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return new Issued(Base64.getEncoder().encodeToString(out.toByteArray()),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a client key", e);
        }
    }
}
