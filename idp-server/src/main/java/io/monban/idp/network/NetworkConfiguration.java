package io.monban.idp.network;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The client address as the rest of Monban sees it; see {@link ClientAddressFilter}. */
@Configuration(proxyBeanMethods = false)
public class NetworkConfiguration {

    @Bean
    ClientAddress clientAddress(NetworkProperties properties) {
        return new ClientAddress(properties.trustedProxies());
    }

    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(ClientAddress clients) {
        FilterRegistrationBean<ClientAddressFilter> registration =
                new FilterRegistrationBean<>(new ClientAddressFilter(clients));
        // Before Spring Session, Spring Security and the request context, so all of them see it.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC,
                DispatcherType.FORWARD, DispatcherType.INCLUDE);
        return registration;
    }
}
