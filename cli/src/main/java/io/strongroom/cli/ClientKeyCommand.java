package io.strongroom.cli;

import io.strongroom.api.ApiJson;
import io.strongroom.api.ClientKeyCreated;
import io.strongroom.api.ClientKeyList;
import io.strongroom.api.CreateClientKeyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "client-key", mixinStandardHelpOptions = true,
        description = "Client keys of an access point: what applications sign their requests with.",
        subcommands = {ClientKeyCommand.Create.class, ClientKeyCommand.ListKeys.class, ClientKeyCommand.Delete.class})
final class ClientKeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a client key and write clientKey_<ClientKeyId>.json (mode 0600) into --out; prints the ClientKeyId.",
                    "The file holds the private key in a PKCS#12 store protected by the password you give (8 to 64 characters, "
                            + "two character classes); the server keeps only the public key, so the file cannot be had again."})
    static final class Create extends AccessCommand {
        @Option(names = "--aap", required = true, paramLabel = "NAME", description = "The access point the key belongs to.")
        String aapName;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the client key file into.")
        Path out;
        @Option(names = "--not-before", paramLabel = "TIME", description = "Valid from (ISO 8601 UTC; default now).")
        String notBefore;
        @Option(names = "--not-after", paramLabel = "TIME", description = "Valid until (ISO 8601 UTC; default five years on).")
        String notAfter;
        @Mixin
        PasswordSource password;

        @Override
        public Integer call() throws IOException {
            password.check();
            if (!Files.isDirectory(out)) {
                throw new CliException("--out " + out + " is not a folder");
            }
            char[] secret = password.readWithPrompt("Password for the client key file: ");
            byte[] body = json(new CreateClientKeyRequest(aapName, secret, notBefore, notAfter));
            Arrays.fill(secret, '\0');
            ClientKeyCreated created;
            try (ApiClient api = main().api()) {
                created = api.post(path("client-keys"), body).as(ClientKeyCreated.class);
            } finally {
                Arrays.fill(body, (byte) 0);
            }
            Path file = write(created);
            if (output.json()) {
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("ClientKeyId", created.clientKeyId());
                answer.put("ClientKeyFile", file.toString());
                answer.put("NotBefore", created.notBefore());
                answer.put("NotAfter", created.notAfter());
                printJson(ApiJson.mapper().writeValueAsString(answer));
            } else {
                out().println(created.clientKeyId());
                hint("Wrote " + file + " (keep it and its password safe: it cannot be downloaded again).");
            }
            return Main.OK;
        }

        private Path write(ClientKeyCreated created) throws IOException {
            Path file = out.resolve("clientKey_" + created.clientKeyId() + ".json");
            Map<String, String> content = new LinkedHashMap<>();
            content.put("KeyId", created.keyId());
            content.put("PrivateKeyData", created.privateKeyData());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new CliException(file + " exists already");
            }
            Files.write(file, ApiJson.mapper().writeValueAsString(content).getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
            return file;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an instance's client keys (never their private keys).")
    static final class ListKeys extends AccessCommand {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(path("client-keys")), ClientKeyList.class, AccessText::clientKeys);
            }
            return Main.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a client key: requests signed with it are refused.")
    static final class Delete extends AccessCommand {
        @Parameters(index = "0", paramLabel = "ClientKeyId", description = "The client key to delete.")
        String clientKeyId;

        @Override
        public Integer call() {
            return delete("client-keys", clientKeyId, "client key");
        }
    }
}
