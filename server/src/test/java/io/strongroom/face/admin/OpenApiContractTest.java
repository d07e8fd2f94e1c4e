package io.strongroom.face.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strongroom.key.KeySpec;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names exactly the routes the server serves, and every key spec it makes. */
class OpenApiContractTest {
    private static JsonNode document() throws Exception {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void openApi_documentsEveryRoute_andNoOther() throws Exception {
        AdminApi api = AdminRoutes.api(null, null, null, null, null, null, request -> "test", null, null, null, null);
        Set<String> served = api.routes().stream().map(route -> route.method() + " " + route.template())
                .collect(Collectors.toCollection(TreeSet::new));

        JsonNode document = document();
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void openApi_keySpecEnum_listsEveryKeySpecInOrder() throws Exception {
        List<String> documented = new ArrayList<>();
        document().at("/components/schemas/CreateKeyRequest/properties/KeySpec/enum").forEach(spec -> documented.add(spec.asText()));
        assertThat(documented).containsExactlyElementsOf(Arrays.stream(KeySpec.values()).map(Enum::name).toList());
    }
}
