package io.strongroom.key;

import io.strongroom.hsm.HmacAlgorithm;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.SoftwareKey;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-connection cache of unwrapped keys: loaded once, and unusable the moment it is destroyed. */
class LoadedKeysTest {
    @Test
    void softwareKey_loadedOnce_thenDestroyZeroesItAndRefusesFurtherLoads() throws HsmException {
        LoadedKeys keys = new LoadedKeys();
        AtomicInteger unwraps = new AtomicInteger();
        LoadedKeys.Unwrap<SoftwareKey> unwrap = () -> {
            unwraps.incrementAndGet();
            return SoftwareKey.copyOf(new byte[32]);
        };
        SoftwareKey first = keys.softwareKey("v1", unwrap);
        assertThat(keys.softwareKey("v1", unwrap)).isSameAs(first);
        assertThat(unwraps).hasValue(1);
        assertThat(first.toString()).doesNotContain("0, 0").contains("redacted");

        keys.destroy();

        assertThat(first.destroyed()).isTrue();
        assertThatThrownBy(() -> first.encryptGcm(new byte[12], new byte[0], new byte[1]))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.failure()).isEqualTo(HsmFailure.UNREACHABLE));
        assertThatThrownBy(() -> keys.softwareKey("v1", unwrap))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.failure()).isEqualTo(HsmFailure.UNREACHABLE));
        assertThat(unwraps).hasValue(1);
    }

    @Test
    void keySpec_smSpecsRefusedSayingWhy_typosAsUnknown_usagesChecked() {
        assertThat(KeySpec.parse(null)).isEqualTo(KeySpec.Aliyun_AES_256);
        assertThat(KeySpec.parse("Aliyun_AES_192").bits()).isEqualTo(192);
        assertThat(KeySpec.parse("RSA_2048").usage(null)).isEqualTo(Key.ENCRYPT_DECRYPT);
        assertThat(KeySpec.parse("RSA_2048").usage("SIGN/VERIFY")).isEqualTo(Key.SIGN_VERIFY);
        assertThat(KeySpec.parse("EC_P256").usage("")).isEqualTo(Key.SIGN_VERIFY);
        assertThat(KeySpec.parse("HMAC_SHA256").usage(null)).isEqualTo(Key.GENERATE_VERIFY_MAC);
        assertThat(KeySpec.parse("HMAC_SHA224").bits()).isEqualTo(224);
        assertThat(KeySpec.parse("HMAC_SHA384").bits()).isEqualTo(384);
        assertThat(KeySpec.parse("HMAC_SHA512").bits()).isEqualTo(512);
        assertThat(KeySpec.parse("HMAC_SHA512").hmac()).contains(HmacAlgorithm.HMAC_SHA512);
        assertThat(KeySpec.parse("HMAC_SHA384").usage("GENERATE/VERIFY_MAC")).isEqualTo(Key.GENERATE_VERIFY_MAC);
        assertThatThrownBy(() -> KeySpec.HMAC_SHA224.usage("ENCRYPT/DECRYPT")).hasMessageContaining("use GENERATE/VERIFY_MAC");
        assertThat(KeySpec.Aliyun_AES_256.hmac()).isEmpty();
        assertThatThrownBy(() -> KeySpec.Aliyun_AES_256.usage("SIGN/VERIFY")).hasMessageContaining("use ENCRYPT/DECRYPT");
        assertThatThrownBy(() -> KeySpec.parse("Aliyun_SM4")).hasMessageContaining("no SM2/SM3/SM4");
        assertThatThrownBy(() -> KeySpec.parse("HMAC_SM3")).hasMessageContaining("no SM2/SM3/SM4");
        assertThatThrownBy(() -> KeySpec.parse("EC_SM2")).hasMessageContaining("no SM2/SM3/SM4");
        assertThatThrownBy(() -> KeySpec.parse("AES256")).hasMessageContaining("is not a key spec");
    }
}
