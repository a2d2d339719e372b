package io.monban.idp.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Base64;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings shared by the integration tests that run a whole Monban on a real port. */
public final class TestServers {

    private TestServers() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void configure(DynamicPropertyRegistry registry, int port, String bootstrapResource) {
        configure(registry, "127.0.0.1", port, bootstrapResource);
    }

    /** With the issuer on {@code host}: WebAuthn needs a name ({@code localhost}), browsers refuse IP addresses. */
    public static void configure(DynamicPropertyRegistry registry, String host, int port, String bootstrapResource) {
        registry.add("server.port", () -> port);
        registry.add("monban.issuer", () -> "http://" + host + ":" + port);
        registry.add("monban.crypto.master-key", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("monban.crypto.keys.pre-publish", () -> "0s");
        registry.add("monban.bootstrap.file", () -> {
            try {
                return new ClassPathResource(bootstrapResource).getFile().getAbsolutePath();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
