package io.strongroom.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The two public formats of an {@link AuditRecord}. Both are contracts: change them only by
 * adding (a new JSON field; never a new position in the line).
 *
 * <p>The line is the original service's, field for field, times in UTC to the second:
 * <pre>2021-10-19T21:40:01 [INFO] - - &lt;request-id&gt; &lt;api-name&gt; - &lt;access-key-id&gt; &lt;account&gt; &lt;principal&gt; - &lt;instance-id&gt; - &lt;duration-ms&gt; - -</pre>
 * An absent value is {@code -}; Strongroom has no accounts, so {@code <account>} is always
 * {@code -}. A value is one token: any character outside printable ASCII, and any space, becomes
 * {@code _}, so that a caller can never forge a field or a line.
 *
 * <p>The JSON form is one object per line with every field ({@code Time} in UTC to the
 * millisecond); absent values are left out. It also holds what the line has no place for, such as
 * {@code KeyVersionId}.
 */
public final class AuditFormat {
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    private AuditFormat() {
    }

    /** The original service's line, without the line break. */
    public static String line(AuditRecord record) {
        return String.join(" ",
                LINE_TIME.format(record.time()),
                "[" + record.level() + "]",
                "-", "-",
                token(record.requestId()),
                token(record.apiName()),
                "-",
                token(record.accessKeyId()),
                "-",
                token(record.principal()),
                "-",
                token(record.instanceId()),
                "-",
                Long.toString(record.durationMs()),
                "-", "-");
    }

    /** One JSON object with every present field, without the line break. */
    public static String json(AuditRecord record) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("Time", JSON_TIME.format(record.time().truncatedTo(ChronoUnit.MILLIS)));
            json.writeStringField("Level", record.level().name());
            json.writeStringField("RequestId", record.requestId());
            json.writeStringField("ApiName", record.apiName());
            json.writeStringField("ApiVersion", record.apiVersion());
            optional(json, "AccessKeyId", record.accessKeyId());
            optional(json, "Principal", record.principal());
            optional(json, "IdentityType", record.identityType());
            optional(json, "InstanceId", record.instanceId());
            optional(json, "Region", record.region());
            optional(json, "ClientIp", record.clientIp());
            optional(json, "Resource", record.resource());
            optional(json, "KeyVersionId", record.keyVersionId());
            json.writeNumberField("StatusCode", record.statusCode());
            optional(json, "ErrorCode", record.errorCode());
            json.writeNumberField("DurationMs", record.durationMs());
            optional(json, "UserAgent", record.userAgent());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads back a record from its {@link #json} form (the spool holds records in that form). */
    public static AuditRecord fromJson(String line) {
        try {
            JsonNode json = READER.readTree(line);
            return new AuditRecord(Instant.parse(json.get("Time").asText()), AuditRecord.Level.valueOf(json.get("Level").asText()),
                    json.get("RequestId").asText(), json.get("ApiName").asText(), json.get("ApiVersion").asText(),
                    text(json, "AccessKeyId"), text(json, "Principal"), text(json, "IdentityType"), text(json, "InstanceId"),
                    text(json, "Region"), text(json, "ClientIp"), text(json, "Resource"), text(json, "KeyVersionId"),
                    json.get("StatusCode").asInt(),
                    text(json, "ErrorCode"), json.get("DurationMs").asLong(), text(json, "UserAgent"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an audit record in JSON form", e);
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static void optional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        }
    }

    private static String token(Optional<String> value) {
        return value.map(AuditFormat::token).orElse("-");
    }

    private static String token(String value) {
        if (value.isEmpty()) {
            return "-";
        }
        StringBuilder token = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            token.append(c > ' ' && c < 0x7f ? c : '_');
        }
        return token.toString();
    }
}
