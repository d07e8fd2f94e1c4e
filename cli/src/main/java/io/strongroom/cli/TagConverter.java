package io.strongroom.cli;

import io.strongroom.api.Tag;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --tag KEY=VALUE}, split at the first {@code '='} (so a VALUE may hold '=', a KEY cannot);
 * {@code KEY=} is an empty value. The server checks the tag's rules.
 */
final class TagConverter implements ITypeConverter<Tag> {
    @Override
    public Tag convert(String value) {
        int equals = value.indexOf('=');
        if (equals < 0) {
            throw new TypeConversionException("'" + value + "' is not KEY=VALUE: write " + value + "=VALUE (or " + value
                    + "= for an empty value)");
        }
        return new Tag(value.substring(0, equals), value.substring(equals + 1));
    }
}
