package io.strongroom.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.api.ApiJson;
import picocli.CommandLine.Command;

@Command(name = "credential", mixinStandardHelpOptions = true,
        description = {"Print the admin access key (AccessKeyId and AccessKeySecret) from the local credential file, "
                + "for scripts and other HTTP clients (send it as 'Authorization: Basic base64(AccessKeyId:AccessKeySecret)').",
                "Reads the file only (--credential-file, default admin/credential.json in the data directory); calls no server."})
final class AdminCredentialCommand extends StrongroomCommand {
    @Override
    public Integer call() {
        Locations locations = main().locations();
        AdminKey key = locations.adminKey();
        if (output.json()) {
            ObjectNode json = ApiJson.mapper().createObjectNode();
            json.put("AccessKeyId", key.accessKeyId());
            json.put("AccessKeySecret", key.accessKeySecret());
            printJson(Json.write(json));
        } else {
            new KeyValues()
                    .add("AccessKeyId", key.accessKeyId())
                    .add("AccessKeySecret", key.accessKeySecret())
                    .add("CredentialFile", locations.credentialFile())
                    .print(out());
        }
        return Main.OK;
    }
}
