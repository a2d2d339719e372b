package io.monban.idp.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Fires requests at a port from before it opens: each probe connects in a tight loop, and from
 * its first answer on records every answer, until it has {@link #ANSWERS} of them.
 */
final class FirstMoments implements AutoCloseable {

    static final int ANSWERS = 5;

    /** One answer: which probe, when, the status and whether it was the probe's success. */
    record Answer(String probe, Instant at, int status, boolean success, String detail) {
    }

    /** A request and what its success looks like. */
    record Probe(String name, Function<URI, HttpRequest> request, Predicate<HttpResponse<String>> success) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService pool;
    private final List<Probe> probes;

    FirstMoments(URI base, List<Probe> probes) {
        this.base = base;
        this.probes = probes;
        this.pool = Executors.newFixedThreadPool(probes.size());
        probes.forEach(p -> pool.submit(() -> run(p)));
    }

    private void run(Probe probe) {
        int answered = 0;
        while (!stop.get() && answered < ANSWERS) {
            try {
                HttpResponse<String> response = http.send(probe.request().apply(base), HttpResponse.BodyHandlers.ofString());
                answered++;
                String body = response.body();
                answers.add(new Answer(probe.name(), Instant.now(), response.statusCode(), probe.success().test(response),
                        response.headers().firstValue("Location").orElse("")
                                + " " + body.substring(0, Math.min(300, body.length()))));
            } catch (ConnectException notYetOpen) {
                // The port is not open yet: try again at once.
                Thread.onSpinWait();
            } catch (IOException e) {
                answered++;
                answers.add(new Answer(probe.name(), Instant.now(), -1, false, e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until every probe has its answers, or the deadline passes. */
    List<Answer> await(Duration deadline) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            stop.set(true);
        }
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
        }
        return body.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An unsigned AuthnRequest for the HTTP-Redirect binding (SAML Bindings §3.4.4.1: deflate, base64). */
    static String redirectAuthnRequest(String spEntityId, String acs, URI destination) {
        String xml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + Instant.now() + "\" Destination=\"" + destination + "\" "
                + "AssertionConsumerServiceURL=\"" + acs + "\" "
                + "ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
                + "<saml:Issuer>" + spEntityId + "</saml:Issuer></samlp:AuthnRequest>";
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.DEFLATED, true))) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return encode(Base64.getEncoder().encodeToString(deflated.toByteArray()));
    }
}
