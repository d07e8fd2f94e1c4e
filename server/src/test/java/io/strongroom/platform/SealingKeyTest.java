package io.strongroom.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealingKeyTest {
    @TempDir
    Path directory;

    @Test
    void loadOrCreate_makesAnOwnerOnlyFile_andReloadsTheSameKey() throws Exception {
        Path file = directory.resolve("secrets/node-sealing.key");
        String sealed = SealingKey.loadOrCreate(file).seal("secret".getBytes(StandardCharsets.UTF_8), "ctx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new String(SealingKey.loadOrCreate(file).unseal(sealed, "ctx"), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThat(sealed).startsWith("v1:").doesNotContain("secret");
    }

    @Test
    void unseal_otherContext_otherKey_orAlteredValue_fails() {
        SealingKey key = SealingKey.loadOrCreate(directory.resolve("a.key"));
        SealingKey other = SealingKey.loadOrCreate(directory.resolve("b.key"));
        String sealed = key.seal(new byte[]{1, 2, 3}, "instance-1");
        assertThatThrownBy(() -> key.unseal(sealed, "instance-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> other.unseal(sealed, "instance-1")).isInstanceOf(IllegalArgumentException.class);
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> key.unseal(new String(chars), "instance-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(key.toString()).doesNotContain("=").contains("redacted");
    }
}
