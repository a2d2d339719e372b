package io.monban.idp.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.10", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.resolve("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(none.isTrustedProxy("127.0.0.1")).isFalse();
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertThat(behindProxies.resolve("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(behindProxies.resolve("11.0.0.1", List.of("203.0.113.1"))).as("just outside 10/8").isEqualTo("11.0.0.1");
    }

    @Test
    void fromATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
        // The client wrote the left entry itself; the proxy appended what it saw.
        assertThat(behindProxies.resolve("10.1.2.3", List.of("6.6.6.6, 203.0.113.1"))).isEqualTo("203.0.113.1");
        // Through two trusted proxies, and over several header lines.
        assertThat(behindProxies.resolve("10.1.2.3", List.of("6.6.6.6, 203.0.113.1", "192.0.2.10")))
                .isEqualTo("203.0.113.1");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.1:4711"))).isEqualTo("203.0.113.1");
    }

    @Test
    void aHopThatIsNoAddressStopsTheWalkAtTheLastTrustedProxy() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.1, evil.example"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("unknown, 192.0.2.10"))).isEqualTo("192.0.2.10");
        assertThat(behindProxies.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6BlocksMatchAndOneAddressHasOneSpelling() {
        assertThat(behindProxies.resolve("fd12::1", List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(behindProxies.resolve("fd12::1", List.of("[2001:DB8:0::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(behindProxies.resolve("fe80::1", List.of("2001:db8::1"))).as("not in fd00::/8")
                .isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThat(new ClientAddress(List.of("::1/128")).resolve("0:0:0:0:0:0:0:1", List.of("192.0.2.44")))
                .isEqualTo("192.0.2.44");
        // An IPv4 block never contains an IPv6 address, nor the other way round.
        assertThat(new ClientAddress(List.of("0.0.0.0/0")).isTrustedProxy("2001:db8::1")).isFalse();
        assertThat(new ClientAddress(List.of("::/0")).isTrustedProxy("192.0.2.1")).isFalse();
    }

    @Test
    void prefixesCutInsideAByte() {
        ClientAddress block = new ClientAddress(List.of("172.16.0.0/12"));
        assertThat(block.isTrustedProxy("172.31.255.255")).isTrue();
        assertThat(block.isTrustedProxy("172.32.0.0")).isFalse();
        assertThat(block.isTrustedProxy("172.15.255.255")).isFalse();
    }

    @Test
    void badBlocksAreRefusedAtStartWithTheReason() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .hasMessageContaining("'proxy.internal' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.256/8"))).hasMessageContaining("not an IPv4");
    }
}
