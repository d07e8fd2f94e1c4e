package io.strongroom.cli;

import io.strongroom.api.AccessPointList;
import io.strongroom.api.AccessPointView;
import io.strongroom.api.ClientKeyList;
import io.strongroom.api.NetworkRuleList;
import io.strongroom.api.NetworkRuleView;
import io.strongroom.api.PolicyList;
import io.strongroom.api.PolicyView;

import java.io.PrintStream;
import java.util.List;

/** Text output of the access-object commands. */
final class AccessText {
    private AccessText() {
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    static void networkRule(NetworkRuleView rule, PrintStream out) {
        networkRules(new NetworkRuleList(List.of(rule)), out);
    }

    static void networkRules(NetworkRuleList list, PrintStream out) {
        Table table = new Table("Name", "Type", "SourcePrivateIp", "Description");
        list.networkRules().forEach(rule -> table.row(rule.name(), rule.type(), join(rule.sourcePrivateIp()), rule.description()));
        table.print(out);
    }

    static void policy(PolicyView policy, PrintStream out) {
        policies(new PolicyList(List.of(policy)), out);
    }

    static void policies(PolicyList list, PrintStream out) {
        Table table = new Table("Name", "Permissions", "Resources", "NetworkRules");
        list.policies().forEach(policy -> table.row(policy.name(), join(policy.permissions()), join(policy.resources()),
                policy.accessControlRules() == null ? "" : join(policy.accessControlRules().networkRules())));
        table.print(out);
    }

    static void accessPoint(AccessPointView point, PrintStream out) {
        accessPoints(new AccessPointList(List.of(point)), out);
    }

    static void accessPoints(AccessPointList list, PrintStream out) {
        Table table = new Table("Name", "AuthenticationMethod", "Policies", "Description");
        list.applicationAccessPoints().forEach(point -> table.row(point.name(), point.authenticationMethod(), join(point.policies()),
                point.description()));
        table.print(out);
    }

    static void clientKeys(ClientKeyList list, PrintStream out) {
        Table table = new Table("ClientKeyId", "AapName", "KeyAlgorithm", "NotBefore", "NotAfter");
        list.clientKeys().forEach(key -> table.row(key.clientKeyId(), key.aapName(), key.keyAlgorithm(), key.notBefore(), key.notAfter()));
        table.print(out);
    }
}
