package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The interop SP: pysaml2 (Debian's python3-pysaml2, verifying and decrypting with xmlsec1),
 * driven step by step through {@code saml/pysaml2_sp.py} with Debian's {@code /usr/bin/python3}.
 */
final class PySaml2Sp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final Path idpMetadata;
    private final Path directory;

    /** @param base the SP's base URL as in its committed metadata (https://sp.example.test) */
    PySaml2Sp(String base, URI idpMetadataUrl) throws IOException, InterruptedException {
        this.base = base;
        this.directory = new ClassPathResource("saml/pysaml2_sp.py").getFile().toPath().getParent();
        this.idpMetadata = Files.createTempFile("monban-idp-metadata", ".xml");
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(idpMetadataUrl).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        Files.writeString(idpMetadata, metadata.body());
    }

    String entityId() {
        return base + "/sp";
    }

    JsonNode authn(String binding, String relayState) {
        return run("authn", "--binding", binding, "--relay-state", relayState);
    }

    JsonNode response(String samlResponse, String requestId) {
        List<String> args = new ArrayList<>(List.of("response", "--message-file", file(samlResponse)));
        if (requestId != null) {
            args.addAll(List.of("--request-id", requestId));
        }
        return run(args.toArray(String[]::new));
    }

    JsonNode logout(String nameId, String sessionIndex) {
        return run("logout", "--name-id", nameId, "--session-index", sessionIndex);
    }

    JsonNode logoutResponse(String message, String binding) {
        return run("logout-response", "--message-file", file(message), "--binding", binding);
    }

    private String file(String content) {
        try {
            Path file = Files.createTempFile("saml-message", ".txt");
            Files.writeString(file, content);
            return file.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode run(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", directory.resolve("pysaml2_sp.py").toString(),
                args[0], "--base", base, "--key", directory.resolve("sp-key.pem").toString(),
                "--cert", directory.resolve("sp-cert.pem").toString(), "--idp-metadata", idpMetadata.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            assertThat(exit).as("pysaml2 %s failed: %s %s", args[0], out, err).isZero();
            return JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
