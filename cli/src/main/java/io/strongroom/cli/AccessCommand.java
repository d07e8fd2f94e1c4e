package io.strongroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strongroom.api.ApiJson;
import picocli.CommandLine.Option;

/** What the access-object commands share: the instance they act on, JSON bodies and deletes. */
abstract class AccessCommand extends StrongroomCommand {
    @Option(names = "--instance", required = true, paramLabel = "InstanceId", description = "The instance.")
    String instanceId;

    final String path(String collection) {
        return "/instances/" + ApiClient.encode(instanceId) + "/" + collection;
    }

    static byte[] json(Object body) {
        try {
            return ApiJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
    }

    /** Deletes one object of a collection and says so. */
    final Integer delete(String collection, String name, String what) {
        try (ApiClient api = main().api()) {
            api.delete(path(collection) + "/" + ApiClient.encode(name));
        }
        if (output.json()) {
            printJson("{}");
        } else {
            out().println("Deleted " + what + " " + name + ".");
        }
        return Main.OK;
    }
}
