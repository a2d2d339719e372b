package io.monban.idp.testsupport;

import io.monban.idp.MonbanApplication;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Monban started and stopped by the test itself, for tests that restart the server on
 * the same database or run several nodes at once.
 */
public final class MonbanInstance implements AutoCloseable {

    private final int port;
    private final ConfigurableApplicationContext context;

    private MonbanInstance(int port, ConfigurableApplicationContext context) {
        this.port = port;
        this.context = context;
    }

    /** Starts Monban with the given properties (as command-line arguments), on {@code server.port}. */
    public static MonbanInstance start(Map<String, String> properties, String... profiles) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new MonbanInstance(Integer.parseInt(properties.get("server.port")),
                new SpringApplicationBuilder(MonbanApplication.class).profiles(profiles).run(args));
    }

    /** Properties as the {@code @DynamicPropertySource} helpers write them, for {@link #start}. */
    public static Map<String, String> properties(java.util.function.Consumer<org.springframework.test.context.DynamicPropertyRegistry> source) {
        Map<String, String> properties = new LinkedHashMap<>();
        source.accept((name, value) -> properties.put(name, String.valueOf(value.get())));
        return properties;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Publishes an application event in the server, as one of its services would. */
    public void publish(Object event) {
        context.publishEvent(event);
    }

    @Override
    public void close() {
        context.close();
    }
}
