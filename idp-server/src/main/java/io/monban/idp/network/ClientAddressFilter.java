package io.monban.idp.network;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * First in the chain: every later reader of {@link HttpServletRequest#getRemoteAddr()} (lockout,
 * audit, sessions) sees the client as {@link ClientAddress} resolves it, and nobody downstream
 * sees forwarded headers at all, so none of them can steer a redirect's host or scheme.
 */
public final class ClientAddressFilter implements Filter {

    private static final Set<String> FORWARDED = Set.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl", "x-real-ip");

    private final ClientAddress clients;

    public ClientAddressFilter(ClientAddress clients) {
        this.clients = clients;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && !(request instanceof ResolvedClient)) {
            chain.doFilter(new ResolvedClient(http, clients), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class ResolvedClient extends HttpServletRequestWrapper {

        private final String address;
        private final boolean secure;

        ResolvedClient(HttpServletRequest request, ClientAddress clients) {
            super(request);
            String peer = request.getRemoteAddr();
            this.address = clients.resolve(peer, Collections.list(request.getHeaders("X-Forwarded-For")));
            this.secure = request.isSecure() || clients.isTrustedProxy(peer) && "https".equalsIgnoreCase(nearest(
                    Collections.list(request.getHeaders("X-Forwarded-Proto"))));
        }

        /** The entry the nearest proxy wrote. */
        private static String nearest(List<String> values) {
            if (values.isEmpty()) {
                return "";
            }
            String last = values.get(values.size() - 1);
            return last.substring(last.lastIndexOf(',') + 1).trim();
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }

        /** Lets cookies be marked Secure behind a TLS-terminating trusted proxy; URLs still come from the issuer. */
        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !hidden(name)).toList());
        }

        @Override
        public long getDateHeader(String name) {
            return hidden(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return hidden(name) ? -1 : super.getIntHeader(name);
        }

        private static boolean hidden(String name) {
            return name != null && FORWARDED.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}
