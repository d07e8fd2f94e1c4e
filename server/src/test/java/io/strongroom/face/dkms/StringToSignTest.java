package io.strongroom.face.dkms;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The string to sign, checked against the worked example of the protocol description. */
class StringToSignTest {
    @Test
    void of_specExample_matchesByteForByte() throws Exception {
        byte[] body = HexFormat.of().parseHex("0a0a616c6961732f74657374120568656c6c6f2203616164");
        String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).toUpperCase(Locale.ROOT);
        assertThat(bodyHash).isEqualTo("F6A94CDA67AF5AED5895E727C8AA512F584FD50C6DC2F398B21EC45A931BA168");

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-kms-apiversion", "dkms-gcs-0.2");
        headers.put("X-Kms-ApiName", "Encrypt");
        headers.put("x-kms-signaturemethod", "RSA_PKCS1_SHA_256");
        headers.put("x-kms-acccesskeyid", " KAAP.11111111-2222-3333-4444-555555555555 ");
        headers.put("Date", "Sat, 28 Nov 2026 14:22:41 GMT");
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("content-sha256", bodyHash);
        headers.put("Authorization", "Bearer ignored");

        assertThat(StringToSign.of(headers)).isEqualTo("""
                POST
                F6A94CDA67AF5AED5895E727C8AA512F584FD50C6DC2F398B21EC45A931BA168
                application/x-protobuf
                Sat, 28 Nov 2026 14:22:41 GMT
                x-kms-acccesskeyid:KAAP.11111111-2222-3333-4444-555555555555
                x-kms-apiname:Encrypt
                x-kms-apiversion:dkms-gcs-0.2
                x-kms-signaturemethod:RSA_PKCS1_SHA_256
                /""");
    }
}
