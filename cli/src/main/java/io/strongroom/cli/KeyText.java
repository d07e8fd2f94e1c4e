package io.strongroom.cli;

import io.strongroom.api.KeyList;
import io.strongroom.api.KeyView;
import io.strongroom.api.Tag;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Keys as text, under the API's field names: one key with every field and its tags, a list as a table. */
final class KeyText {
    private KeyText() {
    }

    static void describe(KeyView key, PrintStream out) {
        new KeyValues()
                .add("KeyId", key.keyId())
                .add("InstanceId", key.instanceId())
                .add("KeySpec", key.keySpec())
                .add("KeyUsage", key.keyUsage())
                .add("ProtectionLevel", key.protectionLevel())
                .addIfPresent("AesModes", key.aesModes())
                .add("KeyState", key.keyState())
                .addIfPresent("DeletionDate", key.deletionDate())
                .add("CreationDate", key.creationDate())
                .add("PrimaryKeyVersion", key.primaryKeyVersion())
                .addIfPresent("RotationInterval", key.rotationInterval())
                .addIfPresent("NextRotationDate", key.nextRotationDate())
                .add("Description", key.description())
                .add("Tags", tags(key))
                .print(out);
    }

    /** {@code env=prod, team=payments}, by TagKey as the API orders them. */
    static String tags(KeyView key) {
        return Objects.requireNonNullElse(key.tags(), List.<Tag>of()).stream()
                .map(tag -> tag.tagKey() + "=" + Objects.requireNonNullElse(tag.tagValue(), "")).collect(Collectors.joining(", "));
    }

    static void list(KeyList list, PrintStream out) {
        Table table = new Table("KeyId", "KeySpec", "ProtectionLevel", "KeyState", "CreationDate", "Description");
        list.keys().forEach(key -> table.row(key.keyId(), key.keySpec(), key.protectionLevel(), key.keyState(), key.creationDate(),
                key.description()));
        table.print(out);
        if (list.totalCount() > list.keys().size()) {
            out.println("Page " + list.pageNumber() + " of " + list.keys().size() + " keys; " + list.totalCount() + " in all (--page N).");
        }
    }
}
