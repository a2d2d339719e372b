package io.monban.scim.outbound;

import io.monban.core.crypto.SecretDecryptionException;
import io.monban.core.crypto.SecretEncryptor;
import io.monban.core.outbox.Delivery;
import io.monban.core.outbox.OutboxChannel;
import io.monban.core.outbox.OutboxMessage;
import io.monban.core.outbox.OutboxProperties;
import io.monban.scim.outbound.ScimUserClient.Answer;
import io.monban.scim.outbound.ScimUserClient.ScimAnswerException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers queued provisioning to a target's SCIM service. The downstream user is found by the
 * id the service gave at creation (kept per target and user), else by {@code userName}; so a
 * repeated delivery (after a crash mid-request) updates rather than duplicates.
 */
@Component
class ScimProvisioningChannel implements OutboxChannel {

    static final String NAME = "scim";
    /** Answers that may go away by themselves (RFC 7644 §3.12, RFC 6585): tried again later. */
    private static final Set<Integer> TRANSIENT = Set.of(408, 425, 429);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProvisioningTargetStore targets;
    private final SecretEncryptor encryptor;
    private final OutboxProperties properties;
    private final Clock clock;
    private final HttpClient http;

    ScimProvisioningChannel(ProvisioningTargetStore targets, SecretEncryptor encryptor, OutboxProperties properties,
                            Clock clock) {
        this.targets = targets;
        this.encryptor = encryptor;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Delivery deliver(OutboxMessage message) {
        Optional<ProvisioningTarget> found = targets.findByName(message.target());
        if (found.isEmpty()) {
            return Delivery.failed("provisioning target " + message.target() + " no longer exists");
        }
        ProvisioningTarget target = found.get();
        if (!target.enabled()) {
            return Delivery.failed("provisioning target " + target.name() + " is disabled");
        }
        Optional<Operation> operation = Operation.of(message.operation());
        if (operation.isEmpty()) {
            return Delivery.failed("unknown operation " + message.operation());
        }
        String token;
        try {
            token = new String(encryptor.decrypt(target.sealedToken(), ProvisioningTarget.tokenContext(target.id())),
                    StandardCharsets.UTF_8);
        } catch (SecretDecryptionException e) {
            return Delivery.failed("bearer token cannot be decrypted with the configured master key");
        }
        ScimUserClient client = new ScimUserClient(http, target.baseUrl(), token, properties.requestTimeout());
        ObjectNode resource = message.payload() == null ? null : (ObjectNode) JSON.readTree(message.payload());
        try {
            return switch (operation.get()) {
                case UPSERT -> upsert(client, target, message, resource);
                case DEACTIVATE -> deactivate(client, target, message, resource);
                case DELETE -> delete(client, target, message, resource);
            };
        } catch (ScimAnswerException e) {
            return outcome(e.answer());
        } catch (IOException e) {
            // No detail: it may name internal hosts; the class says enough (refused, timed out ...).
            return Delivery.retry("request to " + target.baseUrl() + " failed: " + e.getClass().getSimpleName());
        }
    }

    private Delivery upsert(ScimUserClient client, ProvisioningTarget target, OutboxMessage message,
                            ObjectNode resource) throws IOException, ScimAnswerException {
        if (resource == null) {
            return Delivery.failed("nothing to send: the user no longer exists");
        }
        Optional<String> id = remoteId(client, target, message, resource);
        if (id.isPresent()) {
            Answer replaced = client.replace(id.get(), resource);
            if (replaced.status() != 404) {
                return outcome(replaced);
            }
            // Deleted downstream meanwhile: create it again.
            targets.unlink(target.id(), message.userId());
        }
        Answer created = client.create(resource);
        if (created.status() == 409) {
            // Exists after all (created by someone else, or our earlier attempt's answer was lost).
            Optional<String> existing = client.findIdByUserName(resource.path("userName").asString());
            if (existing.isPresent()) {
                targets.link(target.id(), message.userId(), existing.get(), clock.instant());
                return outcome(client.replace(existing.get(), resource));
            }
        }
        if (created.ok()) {
            String newId = created.body() == null ? "" : created.body().path("id").asString("");
            if (newId.isEmpty()) {
                return Delivery.failed("HTTP " + created.status() + " without the created user's id");
            }
            targets.link(target.id(), message.userId(), newId, clock.instant());
        }
        return outcome(created);
    }

    private Delivery deactivate(ScimUserClient client, ProvisioningTarget target, OutboxMessage message,
                                ObjectNode resource) throws IOException, ScimAnswerException {
        Optional<String> id = remoteId(client, target, message, resource);
        if (id.isEmpty()) {
            return Delivery.delivered(); // never created downstream: nothing to close
        }
        Answer answer = client.deactivate(id.get());
        return answer.status() == 404 ? Delivery.delivered() : outcome(answer);
    }

    private Delivery delete(ScimUserClient client, ProvisioningTarget target, OutboxMessage message,
                            ObjectNode resource) throws IOException, ScimAnswerException {
        Optional<String> id = remoteId(client, target, message, resource);
        if (id.isPresent()) {
            Answer answer = client.delete(id.get());
            if (!answer.ok() && answer.status() != 404) {
                return outcome(answer);
            }
        }
        targets.unlink(target.id(), message.userId());
        return Delivery.delivered();
    }

    private Optional<String> remoteId(ScimUserClient client, ProvisioningTarget target, OutboxMessage message,
                                      ObjectNode resource) throws IOException, ScimAnswerException {
        Optional<String> linked = targets.remoteId(target.id(), message.userId());
        if (linked.isPresent() || resource == null || !resource.has("userName")) {
            return linked;
        }
        Optional<String> found = client.findIdByUserName(resource.path("userName").asString());
        found.ifPresent(id -> targets.link(target.id(), message.userId(), id, clock.instant()));
        return found;
    }

    private static Delivery outcome(Answer answer) {
        if (answer.ok()) {
            return Delivery.delivered();
        }
        return answer.status() >= 500 || TRANSIENT.contains(answer.status()) ? Delivery.retry(answer.describe())
                : Delivery.failed(answer.describe());
    }
}
