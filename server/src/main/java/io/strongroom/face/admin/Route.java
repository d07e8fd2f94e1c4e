package io.strongroom.face.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** A method and a path template such as {@code /api/v1/instances/{InstanceId}/connect}. */
final class Route {
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    private final String method;
    private final String template;
    private final String name;
    private final boolean authenticated;
    private final Handler handler;
    private final Pattern pattern;
    private final List<String> parameters = new ArrayList<>();

    Route(String method, String template, String name, boolean authenticated, Handler handler) {
        this.method = requireNonNull(method, "method");
        this.template = requireNonNull(template, "template");
        this.name = requireNonNull(name, "name");
        this.authenticated = authenticated;
        this.handler = requireNonNull(handler, "handler");
        Matcher names = PARAMETER.matcher(template);
        while (names.find()) {
            parameters.add(names.group(1));
        }
        // A KeyId may also be an alias, and an AliasName is one: alias/<name>, whose name may itself hold '/'.
        this.pattern = Pattern.compile(PARAMETER.matcher(template).replaceAll(match -> switch (match.group(1)) {
            case "KeyId" -> "(?<KeyId>alias/[A-Za-z0-9_/-]+?|[A-Za-z0-9._-]+)";
            case "AliasName" -> "(?<AliasName>alias/[A-Za-z0-9_/-]+)";
            default -> "(?<$1>[A-Za-z0-9._-]+)";
        }));
    }

    String method() {
        return method;
    }

    String template() {
        return template;
    }

    /** The API name this route is known by (e.g. {@code DescribeInstance}): for logs and audit. */
    String name() {
        return name;
    }

    boolean authenticated() {
        return authenticated;
    }

    Handler handler() {
        return handler;
    }

    /** The path parameters when the path matches this route's template. */
    Optional<Map<String, String>> match(String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String parameter : parameters) {
            values.put(parameter, matcher.group(parameter));
        }
        return Optional.of(values);
    }
}
