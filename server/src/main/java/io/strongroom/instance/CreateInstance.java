package io.strongroom.instance;

import java.util.Arrays;
import java.util.List;

/** The create-instance command. Holds a password: not a record, redacted toString. */
public final class CreateInstance {
    private final String regionId;
    private final String instanceName;
    private final String vpcId;
    private final List<String> allowedCidrs;
    private final int spec;
    private final String hsmClusterId;
    private final String user;
    private final char[] password;

    public CreateInstance(String regionId, String instanceName, String vpcId, List<String> allowedCidrs, int spec,
                          String hsmClusterId, String user, char[] password) {
        this.regionId = regionId;
        this.instanceName = instanceName;
        this.vpcId = vpcId;
        this.allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
        this.spec = spec;
        this.hsmClusterId = hsmClusterId;
        this.user = user;
        this.password = password == null ? new char[0] : Arrays.copyOf(password, password.length);
    }

    public String regionId() { return regionId; }
    public String instanceName() { return instanceName; }
    public String vpcId() { return vpcId; }
    public List<String> allowedCidrs() { return allowedCidrs; }
    public int spec() { return spec; }
    public String hsmClusterId() { return hsmClusterId; }
    public String user() { return user; }
    public char[] password() { return password; }

    public void destroy() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "CreateInstance[" + regionId + ", " + instanceName + ", password=<redacted>]";
    }
}
