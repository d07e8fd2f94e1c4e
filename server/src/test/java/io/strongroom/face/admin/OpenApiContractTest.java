package io.strongroom.face.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names exactly the routes the server serves. */
class OpenApiContractTest {
    @Test
    void openApi_documentsEveryRoute_andNoOther() throws Exception {
        AdminApi api = AdminRoutes.api(null, null, null, null, null, null, request -> "test", null, null, null, null);
        Set<String> served = api.routes().stream().map(route -> route.method() + " " + route.template())
                .collect(Collectors.toCollection(TreeSet::new));

        JsonNode document;
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(documented).isEqualTo(served);
    }
}
