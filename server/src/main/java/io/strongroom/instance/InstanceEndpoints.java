package io.strongroom.instance;

import static java.util.Objects.requireNonNull;

/** Instance endpoint naming: {@code https://{InstanceId}.cryptoservice.kms.{domain}[:port]}. */
public record InstanceEndpoints(String domain, int port) {
    public InstanceEndpoints {
        requireNonNull(domain, "domain");
    }

    public String hostName(String instanceId) {
        return instanceId + ".cryptoservice.kms." + domain;
    }

    /** The VPC address; the port is part of it when it is not 443. */
    public String vpcAddress(String instanceId) {
        return "https://" + hostName(instanceId) + (port == 443 ? "" : ":" + port);
    }

    public String pattern() {
        return vpcAddress("{InstanceId}");
    }
}
