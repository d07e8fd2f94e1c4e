package io.strongroom.cli;

import io.strongroom.api.AliasList;
import io.strongroom.api.AliasRequest;
import io.strongroom.api.AliasView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;

@Command(name = "alias", mixinStandardHelpOptions = true,
        description = "Aliases: alias/<name> names a key wherever a KeyId is accepted (policies still grant key/<KeyId>).",
        subcommands = {AliasCommand.Create.class, AliasCommand.Update.class, AliasCommand.Delete.class, AliasCommand.ListAliases.class})
final class AliasCommand {

    /** A command on one alias. */
    abstract static class OnAlias extends StrongroomCommand {
        @Option(names = "--alias", required = true, paramLabel = "alias/<name>", description = "The alias.")
        String alias;

        final String aliasPath() {
            return "/aliases/" + String.join("/", java.util.Arrays.stream(alias.split("/", -1)).map(ApiClient::encode).toList());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an alias for a key.")
    static final class Create extends AccessCommand {
        @Option(names = "--alias", required = true, paramLabel = "alias/<name>", description = "The alias.")
        String alias;
        @Option(names = "--key", required = true, paramLabel = "KeyId", description = "The key it names.")
        String keyId;

        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.post("/aliases", json(new AliasRequest(alias, keyId))), AliasView.class, AliasCommand::alias);
            }
            return Main.OK;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Point an alias at another key of its instance.")
    static final class Update extends OnAlias {
        @Option(names = "--key", required = true, paramLabel = "KeyId", description = "The key it names from now on.")
        String keyId;

        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.put(aliasPath(), AccessCommand.json(new AliasRequest(alias, keyId))), AliasView.class, AliasCommand::alias);
            }
            return Main.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an alias (the key stays).")
    static final class Delete extends OnAlias {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                api.delete(aliasPath());
            }
            if (output.json()) {
                printJson("{}");
            } else {
                out().println("Deleted alias " + alias + ".");
            }
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an instance's aliases.")
    static final class ListAliases extends AccessCommand {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(path("aliases")), AliasList.class, AliasCommand::aliases);
            }
            return Main.OK;
        }
    }

    static void alias(AliasView alias, PrintStream out) {
        aliases(new AliasList(List.of(alias)), out);
    }

    static void aliases(AliasList list, PrintStream out) {
        Table table = new Table("AliasName", "KeyId", "CreationDate");
        list.aliases().forEach(alias -> table.row(alias.aliasName(), alias.keyId(), alias.creationDate()));
        table.print(out);
    }
}
