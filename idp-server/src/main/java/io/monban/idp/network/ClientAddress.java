package io.monban.idp.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the client is. The direct peer, unless the peer is a configured trusted proxy: then the
 * right-most {@code X-Forwarded-For} address that is not a trusted proxy, since every entry left
 * of the nearest untrusted hop may have been written by the client itself.
 */
public final class ClientAddress {

    private final List<IpBlock> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(s -> !s.isBlank()).map(IpBlock::parse).toList();
    }

    /** Whether the direct peer may speak for the client. */
    public boolean isTrustedProxy(String peer) {
        return IpBlock.literal(peer).map(this::trusted).orElse(false);
    }

    /**
     * The client's address in canonical form.
     *
     * @param peer         the direct peer of the connection
     * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
     */
    public String resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> direct = IpBlock.literal(peer);
        if (direct.isEmpty() || !trusted(direct.get())) {
            return direct.map(ClientAddress::canonical).orElse(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        InetAddress client = direct.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpBlock.literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                // Not an address: nothing to its left can be believed; the last trusted hop answers.
                break;
            }
            client = hop.get();
            if (!trusted(client)) {
                break;
            }
        }
        return canonical(client);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711} as some proxies write them. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(0, end + 1);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** One spelling per address, so that one client has one counter however its address is written. */
    private static String canonical(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address && text.indexOf('%') > 0 ? text.substring(0, text.indexOf('%')) : text;
    }
}
