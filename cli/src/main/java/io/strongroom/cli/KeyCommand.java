package io.strongroom.cli;

import io.strongroom.api.CreateKeyRequest;
import io.strongroom.api.KeyList;
import io.strongroom.api.KeyVersionList;
import io.strongroom.api.KeyView;
import io.strongroom.api.PublicKeyView;
import io.strongroom.api.RotationPolicyRequest;
import io.strongroom.api.ScheduleKeyDeletionRequest;
import io.strongroom.api.Tag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Keys of an instance, generated in its HSM cluster: AES, RSA and EC key pairs, HMAC; their tags.",
        subcommands = {KeyCommand.Create.class, KeyCommand.Describe.class, KeyCommand.ListKeys.class,
                KeyCommand.Enable.class, KeyCommand.Disable.class, KeyCommand.Rotate.class, KeyCommand.Versions.class, KeyCommand.PublicKey.class,
                KeyCommand.RotationPolicy.class, KeyCommand.ScheduleDeletion.class, KeyCommand.CancelDeletion.class,
                KeyTagCommand.Tagging.class, KeyTagCommand.Untagging.class})
final class KeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key; its material is generated in the instance's HSM cluster and stored only wrapped.")
    static final class Create extends AccessCommand {
        @Option(names = "--spec", paramLabel = "KeySpec", description = "Aliyun_AES_256 (default), Aliyun_AES_128, Aliyun_AES_192,"
                + " RSA_2048, RSA_3072, RSA_4096, EC_P256, EC_P256K (HSM only), HMAC_SHA224, HMAC_SHA256, HMAC_SHA384"
                + " or HMAC_SHA512.")
        String spec;
        @Option(names = "--protection", paramLabel = "LEVEL", description = "HSM (default: used inside the HSM) or SOFTWARE (used in server memory).")
        String protection;
        @Option(names = "--aes-modes", paramLabel = "MODES", description = "AES keys only, fixed for the key's life: GCM (default:"
                + " AES_GCM only) or CBC_ECB (AES_CBC and AES_ECB only). Never both on one key: the raw block access of CBC and ECB"
                + " would break GCM under the same key.")
        String aesModes;
        @Option(names = "--usage", paramLabel = "KeyUsage", description = "AES: ENCRYPT/DECRYPT; RSA: ENCRYPT/DECRYPT (default)"
                + " or SIGN/VERIFY; EC: SIGN/VERIFY; HMAC: GENERATE/VERIFY_MAC. Default: the spec's first.")
        String usage;
        @Option(names = "--description", paramLabel = "TEXT", description = "A description.")
        String description;
        @Option(names = "--rotation-interval", paramLabel = "INTERVAL", description = "Rotate automatically every INTERVAL (7d..365d).")
        String rotationInterval;
        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = TagConverter.class,
                description = "A tag (repeatable, at most 20): KEY=VALUE, split at the first '='; KEY= gives an empty value.")
        List<Tag> tags;

        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                CreateKeyRequest request = new CreateKeyRequest(spec, usage, protection, aesModes, description, rotationInterval, tags);
                print(api.post(path("keys"), json(request)), KeyView.class, KeyText::describe);
            }
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an instance's keys, oldest first, a page at a time.")
    static final class ListKeys extends AccessCommand {
        @Option(names = "--page", paramLabel = "N", description = "The page number, from 1 (default 1).")
        Integer page;
        @Option(names = "--page-size", paramLabel = "N", description = "Keys per page, 1 to 100 (default 20).")
        Integer pageSize;
        @Option(names = "--tag", paramLabel = "KEY[=VALUE]", description = "Only keys with the TagKey KEY (and, with =VALUE, that TagValue; KEY= is the empty value).")
        String tag;

        @Override
        public Integer call() {
            String query = "";
            if (page != null) {
                query += (query.isEmpty() ? "?" : "&") + "PageNumber=" + page;
            }
            if (pageSize != null) {
                query += (query.isEmpty() ? "?" : "&") + "PageSize=" + pageSize;
            }
            if (tag != null) {
                int equals = tag.indexOf('=');
                query += (query.isEmpty() ? "?" : "&") + "TagKey=" + ApiClient.encode(equals < 0 ? tag : tag.substring(0, equals))
                        + (equals < 0 ? "" : "&TagValue=" + ApiClient.encode(tag.substring(equals + 1)));
            }
            try (ApiClient api = main().api()) {
                print(api.get(path("keys") + query), KeyList.class, KeyText::list);
            }
            return Main.OK;
        }
    }

    /** A command on one key by its id or alias. */
    abstract static class OnKey extends StrongroomCommand {
        @Parameters(index = "0", paramLabel = "KeyId", description = "The key: its id or alias/<name>.")
        String keyId;

        final Integer run(String action) {
            try (ApiClient api = main().api()) {
                String path = keyPath(keyId) + action;
                print(action.isEmpty() ? api.get(path) : api.post(path), KeyView.class, KeyText::describe);
            }
            return Main.OK;
        }

        final Integer run(String action, Object body) {
            try (ApiClient api = main().api()) {
                print(api.post(keyPath(keyId) + action, AccessCommand.json(body)), KeyView.class, KeyText::describe);
            }
            return Main.OK;
        }
    }

    /** The API path of a key; an alias keeps its '/' (the API matches alias/<name> as one KeyId). */
    static String keyPath(String keyId) {
        if (keyId.startsWith("alias/")) {
            return "/keys/" + java.util.Arrays.stream(keyId.split("/", -1)).map(ApiClient::encode)
                    .collect(java.util.stream.Collectors.joining("/"));
        }
        return "/keys/" + ApiClient.encode(keyId);
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Rotate a key now: a new primary version from the HSM. Old ciphertexts still decrypt.")
    static final class Rotate extends OnKey {
        @Override
        public Integer call() {
            return run("/rotate");
        }
    }

    @Command(name = "public-key", mixinStandardHelpOptions = true,
            description = "Print the public key (PEM) of an RSA or EC key's primary version.")
    static final class PublicKey extends OnKey {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(keyPath(keyId) + "/public-key"), PublicKeyView.class, (view, out) -> out.print(view.publicKey()));
            }
            return Main.OK;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List a key's versions, the initial one first.")
    static final class Versions extends OnKey {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(keyPath(keyId) + "/versions"), KeyVersionList.class, (list, out) -> {
                    Table table = new Table("KeyVersionId", "CreationDate");
                    list.keyVersions().forEach(version -> table.row(version.keyVersionId(), version.creationDate()));
                    table.print(out);
                });
            }
            return Main.OK;
        }
    }

    @Command(name = "rotation-policy", mixinStandardHelpOptions = true,
            description = "Turn automatic rotation on (--rotation-interval 7d..365d) or off (--off).")
    static final class RotationPolicy extends OnKey {
        @Option(names = "--rotation-interval", paramLabel = "INTERVAL", description = "Rotate every INTERVAL, 7d to 365d.")
        String interval;
        @Option(names = "--off", description = "Turn automatic rotation off.")
        boolean off;

        @Override
        public Integer call() {
            if (off == (interval != null)) {
                throw new CliException("give either --rotation-interval INTERVAL or --off");
            }
            return run("/rotation-policy", new RotationPolicyRequest(off ? null : interval));
        }
    }

    @Command(name = "schedule-deletion", mixinStandardHelpOptions = true,
            description = "Schedule a key's deletion; it is unusable at once and deleted for good when the window ends.")
    static final class ScheduleDeletion extends OnKey {
        @Option(names = "--pending-window-days", paramLabel = "DAYS", description = "7 to 366 (default 30).")
        Integer days;

        @Override
        public Integer call() {
            return run("/schedule-deletion", new ScheduleKeyDeletionRequest(days));
        }
    }

    @Command(name = "cancel-deletion", mixinStandardHelpOptions = true,
            description = "Cancel a scheduled deletion; the key becomes Disabled (as in AWS KMS): enable it to use it again.")
    static final class CancelDeletion extends OnKey {
        @Override
        public Integer call() {
            return run("/cancel-deletion");
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe a key (never its material).")
    static final class Describe extends OnKey {
        @Override
        public Integer call() {
            return run("");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a key: the instance endpoint serves it again.")
    static final class Enable extends OnKey {
        @Override
        public Integer call() {
            return run("/enable");
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a key: the instance endpoint refuses it (Rejected.Disabled) until it is enabled.")
    static final class Disable extends OnKey {
        @Override
        public Integer call() {
            return run("/disable");
        }
    }
}
