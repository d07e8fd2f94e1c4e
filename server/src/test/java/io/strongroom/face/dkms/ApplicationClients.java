package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.openapi.models.Config;
import com.aliyun.dkms.gcs.sdk.Client;
import io.strongroom.testing.TestHosts;
import io.strongroom.testing.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets an instance up for an application the way an operator would (network rule, policy,
 * access point, client key through the API) and configures the official client as the
 * application would: its client key file, the key's password and the instance CA.
 */
final class ApplicationClients {
    static final String CLIENT_KEY_PASSWORD = "Client-Key-Pass-1";

    private ApplicationClients() {
    }

    static Client connect(TestServer server, Path files, String instance, String source) throws Exception {
        String base = "/api/v1/instances/" + instance;
        server.post(base + "/network-rules", "{\"Name\": \"local\", \"SourcePrivateIp\": [\"" + source + "\"]}");
        server.post(base + "/policies", """
                {"Name": "apps", "Permissions": ["RbacPermission/Template/CryptoServiceKeyUser"], "Resources": ["key/*"],
                 "AccessControlRules": {"NetworkRules": ["local"]}}""");
        server.post(base + "/access-points", "{\"Name\": \"app\", \"Policies\": [\"apps\"]}");
        TestServer.Response key = server.post(base + "/client-keys", "{\"AapName\": \"app\", \"Password\": \"" + CLIENT_KEY_PASSWORD + "\"}");
        Path keyFile = files.resolve("clientKey_" + key.text("KeyId") + ".json");
        Files.writeString(keyFile, "{\"KeyId\": \"" + key.text("KeyId") + "\", \"PrivateKeyData\": \"" + key.text("PrivateKeyData") + "\"}");
        Path ca = files.resolve("PrivateKmsCA_" + instance + ".pem");
        Files.writeString(ca, server.get(base).text("CaCertificateChainPem"));
        String host = instance + ".cryptoservice.kms.localhost";
        TestHosts.add(host);
        return new Client(new Config().setProtocol("https").setEndpoint(host + ":" + server.server().endpointPort())
                .setClientKeyFile(keyFile.toString()).setPassword(CLIENT_KEY_PASSWORD).setCaFilePath(ca.toString()));
    }
}
