package io.monban.idp.network;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Monban is reached.
 *
 * @param trustedProxies CIDR blocks (IPv4 or IPv6; a bare address is one host) of the reverse
 *                       proxies in front of Monban. Only a request whose direct peer is in one of
 *                       them may name the client address ({@code X-Forwarded-For}) and that it
 *                       came over TLS ({@code X-Forwarded-Proto}); default none
 */
@ConfigurationProperties("monban.network")
public record NetworkProperties(@DefaultValue List<String> trustedProxies) {

    public NetworkProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
