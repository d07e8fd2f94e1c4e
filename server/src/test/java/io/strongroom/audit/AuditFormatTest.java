package io.strongroom.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The two public record formats, pinned by example. */
class AuditFormatTest {
    private static final AuditRecord ENCRYPT = new AuditRecord(Instant.parse("2021-10-19T21:40:01.123Z"), AuditRecord.Level.INFO,
            "5b2ab0a0-0b4e-4d1e-9c2b-2b0a5c1d9e11", "Encrypt", "dkms-gcs-0.2", Optional.of("KAAP.0b4e"), Optional.of("app"),
            Optional.of("ClientKey"), Optional.of("kst-hzz6a"), Optional.of("cn-hangzhou"), Optional.of("10.0.0.7"),
            Optional.of("key-hzz1"), Optional.of("key-hzz1-0f1e2d3c"), 200, Optional.empty(), 7, Optional.of("dkms client 0.5.2"));

    @Test
    void line_isTheOriginalServicesFormat_evenWithFieldsItHasNoPlaceFor() {
        assertThat(AuditFormat.line(ENCRYPT)).isEqualTo(
                "2021-10-19T21:40:01 [INFO] - - 5b2ab0a0-0b4e-4d1e-9c2b-2b0a5c1d9e11 Encrypt - KAAP.0b4e - app - kst-hzz6a - 7 - -");
    }

    @Test
    void line_absentValuesAreDashes_andSpacesCannotForgeFields() {
        AuditRecord refused = new AuditRecord(ENCRYPT.time(), AuditRecord.Level.WARN, "r-1", "Encrypt", "dkms-gcs-0.2",
                Optional.of("forged - x\nline"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 401, Optional.of("Rejected.Unauthenticated"), 0, Optional.empty());
        assertThat(AuditFormat.line(refused)).isEqualTo("2021-10-19T21:40:01 [WARN] - - r-1 Encrypt - forged_-_x_line - - - - - 0 - -");
    }

    @Test
    void json_hasEveryField_andReadsBack() {
        String json = AuditFormat.json(ENCRYPT);
        assertThat(json).isEqualTo("{\"Time\":\"2021-10-19T21:40:01.123Z\",\"Level\":\"INFO\",\"RequestId\":\"5b2ab0a0-0b4e-4d1e-9c2b-2b0a5c1d9e11\","
                + "\"ApiName\":\"Encrypt\",\"ApiVersion\":\"dkms-gcs-0.2\",\"AccessKeyId\":\"KAAP.0b4e\",\"Principal\":\"app\","
                + "\"IdentityType\":\"ClientKey\",\"InstanceId\":\"kst-hzz6a\",\"Region\":\"cn-hangzhou\",\"ClientIp\":\"10.0.0.7\","
                + "\"Resource\":\"key-hzz1\",\"KeyVersionId\":\"key-hzz1-0f1e2d3c\",\"StatusCode\":200,\"DurationMs\":7,\"UserAgent\":\"dkms client 0.5.2\"}");
        assertThat(AuditFormat.fromJson(json)).isEqualTo(ENCRYPT);
    }

    @Test
    void json_leavesAnAbsentKeyVersionOut_andReadsBackWithoutOne() {
        AuditRecord regions = new AuditRecord(ENCRYPT.time(), AuditRecord.Level.INFO, "r-2", "ListRegions", "v1", Optional.of("SRAK1"),
                Optional.of("SRAK1"), Optional.of("AdminAccessKey"), Optional.empty(), Optional.empty(), Optional.of("127.0.0.1"),
                Optional.empty(), Optional.empty(), 200, Optional.empty(), 3, Optional.empty());
        String json = AuditFormat.json(regions);
        assertThat(json).doesNotContain("KeyVersionId");
        assertThat(AuditFormat.fromJson(json)).isEqualTo(regions);
    }
}
