package io.strongroom.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range in CIDR notation. Parsed without name lookups. */
public record Cidr(byte[] network, int prefixLength) {

    public static boolean valid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no address range");
        }
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F:.]+") || !parts[1].matches("\\d{1,3}")) {
            throw new IllegalArgumentException("not an address range: " + text);
        }
        if (!parts[0].contains(":") && !parts[0].matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + parts[0]);
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = Integer.parseInt(parts[1]);
            if (prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix too long: " + text);
            }
            return new Cidr(address, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + parts[0]);
        }
    }

    /** Whether the address lies in this range. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
