package io.strongroom.cli;

import io.strongroom.api.CreateHsmClusterRequest;
import io.strongroom.api.HsmClusterView;
import io.strongroom.api.HsmNodeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Register an HSM cluster. Each node is a PKCS#11 token, selected by its label (never by slot index), "
                + "in a zone; the nodes must stand in at least two zones.",
                "Then run 'strongroom hsm-cluster init' to create its domain key."})
final class HsmClusterCreateCommand extends StrongroomCommand {
    @Option(names = "--region", required = true, paramLabel = "REGION", description = "The region, e.g. cn-hangzhou.")
    private String regionId;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for the cluster.")
    private String name;

    @Option(names = "--minimum-nodes", paramLabel = "K",
            description = "How many nodes must be reachable to connect (default: the server's hsm.minimumNodes).")
    private Integer minimumNodes;

    @Option(names = "--crypto-user", paramLabel = "USER", description = "The HSM user instances log in as (default kmsuser).")
    private String cryptoUser;

    @Option(names = "--node", required = true, paramLabel = "module=PATH,label=LABEL,zone=ZONE", converter = NodeConverter.class,
            description = "A node: the PKCS#11 module's path, the token's label and the node's zone. Repeat for each node.")
    private List<HsmNodeSpec> nodes;

    @Override
    public Integer call() {
        byte[] body = Json.write(new CreateHsmClusterRequest(regionId, name, minimumNodes, cryptoUser, nodes))
                .getBytes(StandardCharsets.UTF_8);
        try (ApiClient api = main().api()) {
            ApiClient.Reply reply = api.post("/hsm-clusters", body);
            print(reply, HsmClusterView.class, HsmClusterText::describe);
            hint("\nNext: strongroom hsm-cluster init " + reply.as(HsmClusterView.class).hsmClusterId()
                    + " --user kmsuser --password-file FILE");
        }
        return Main.OK;
    }

    /** Parses {@code module=/usr/lib/softhsm/libsofthsm2.so,label=hsm-a,zone=cn-hangzhou-h}. */
    static final class NodeConverter implements ITypeConverter<HsmNodeSpec> {
        private static final Set<String> KEYS = Set.of("module", "label", "zone");

        @Override
        public HsmNodeSpec convert(String value) {
            Map<String, String> fields = new HashMap<>();
            for (String part : value.split(",", -1)) {
                int equals = part.indexOf('=');
                String key = equals < 0 ? part.strip() : part.substring(0, equals).strip();
                if (equals < 0 || !KEYS.contains(key)) {
                    throw new TypeConversionException("'" + part + "' is not module=PATH, label=LABEL or zone=ZONE");
                }
                if (fields.put(key, part.substring(equals + 1).strip()) != null) {
                    throw new TypeConversionException(key + "= is given twice");
                }
            }
            for (String key : List.of("module", "label", "zone")) {
                if (fields.getOrDefault(key, "").isEmpty()) {
                    throw new TypeConversionException(key + "= is missing (expected module=PATH,label=LABEL,zone=ZONE)");
                }
            }
            return new HsmNodeSpec(fields.get("module"), fields.get("label"), fields.get("zone"));
        }
    }
}
