package io.monban.idp.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.ClassPathResource;

/**
 * Where a bootstrap file comes from: a path on disk (relative to the working directory), or
 * {@code classpath:} for a setup shipped inside the jar, so that the demo starts from any
 * directory. Files named inside a bootstrap file (SAML metadata) are resolved next to it; for a
 * file in the jar, relative to the working directory.
 *
 * @param location      as configured, for messages
 * @param baseDirectory where relative paths inside the file point; null for the working directory
 */
public record BootstrapSource(String location, Path baseDirectory) {

    private static final String CLASSPATH = "classpath:";

    /** {@code classpath:bootstrap/demo.yaml} or a file path. */
    public static BootstrapSource of(String location) {
        if (location.startsWith(CLASSPATH)) {
            return new BootstrapSource(location, null);
        }
        return file(Path.of(location));
    }

    public static BootstrapSource file(Path file) {
        return new BootstrapSource(file.toString(), file.toAbsolutePath().getParent());
    }

    boolean readable() {
        if (inJar()) {
            return new ClassPathResource(classpathName()).isReadable();
        }
        return Files.isReadable(Path.of(location));
    }

    InputStream open() throws IOException {
        return inJar() ? new ClassPathResource(classpathName()).getInputStream() : Files.newInputStream(Path.of(location));
    }

    private boolean inJar() {
        return location.startsWith(CLASSPATH);
    }

    private String classpathName() {
        return location.substring(CLASSPATH.length()).replaceFirst("^/", "");
    }

    @Override
    public String toString() {
        return location;
    }
}
