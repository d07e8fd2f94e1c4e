package io.strongroom.cli;

import io.strongroom.api.Tag;
import io.strongroom.api.TagResourceRequest;
import io.strongroom.api.UntagResourceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** Tagging a key: {@code key tag} adds or overwrites tags, {@code key untag} removes them by TagKey. */
final class KeyTagCommand {
    private KeyTagCommand() {
    }

    @Command(name = "tag", mixinStandardHelpOptions = true,
            description = "Add tags to a key; a TagKey the key has already gets the new value. A key has at most 20 tags.")
    static final class Tagging extends KeyCommand.OnKey {
        @Option(names = "--tag", required = true, paramLabel = "KEY=VALUE", converter = TagConverter.class,
                description = "A tag (repeatable): KEY=VALUE, split at the first '='; KEY= gives an empty value.")
        List<Tag> tags;

        @Override
        public Integer call() {
            return run("/tags", new TagResourceRequest(tags));
        }
    }

    @Command(name = "untag", mixinStandardHelpOptions = true,
            description = "Remove tags from a key by TagKey; TagKeys the key does not have are ignored.")
    static final class Untagging extends KeyCommand.OnKey {
        @Option(names = "--tag-key", required = true, paramLabel = "KEY", description = "A TagKey to remove (repeatable).")
        List<String> tagKeys;

        @Override
        public Integer call() {
            return run("/tags/remove", new UntagResourceRequest(tagKeys));
        }
    }
}
