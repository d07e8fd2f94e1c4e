package io.strongroom.instance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {
    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.200.3.4, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.128/25, 192.168.1.200, true",
            "192.168.1.128/25, 192.168.1.100, false",
            "127.0.0.1/32, 127.0.0.1, true",
            "0.0.0.0/0, 8.8.8.8, true",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::5, false",
            "10.0.0.0/8, ::1, false",
    })
    void contains_matchesThePrefix(String cidr, String address, boolean expected) throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "example.com/8", "::1/129", "10.0.0.0/-1", "", "/8"})
    void valid_refusesWhatIsNotARange(String text) {
        assertThat(Cidr.valid(text)).isFalse();
    }
}
