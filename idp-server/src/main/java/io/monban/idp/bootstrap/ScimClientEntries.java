package io.monban.idp.bootstrap;

import io.monban.idp.bootstrap.BootstrapFile.ScimClientEntry;
import io.monban.scim.auth.ScimClientSpec;
import io.monban.scim.auth.ScimClients;
import io.monban.scim.auth.ScimScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The {@code scimClients} section of the bootstrap file: checked, then applied through {@link ScimClients}. */
@Component
class ScimClientEntries {

    private final ScimClients clients;

    ScimClientEntries(ScimClients clients) {
        this.clients = clients;
    }

    List<String> validate(List<ScimClientEntry> entries) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ScimClientEntry entry = entries.get(i);
            String at = "scimClients[" + i + "]";
            if (entry.name() != null && !names.add(entry.name())) {
                problems.add(at + ".name: duplicate SCIM client " + entry.name());
            }
            int sources = (entry.token() != null ? 1 : 0) + (entry.tokenHash() != null ? 1 : 0)
                    + (Boolean.TRUE.equals(entry.generateToken()) ? 1 : 0);
            if (sources > 1) {
                problems.add(at + ": give at most one of token, tokenHash, generateToken");
            }
            try {
                String placeholder = Boolean.TRUE.equals(entry.generateToken()) ? ScimClients.newToken() : null;
                clients.validate(toSpec(entry, placeholder)).forEach(p -> problems.add(at + "." + p));
            } catch (IllegalArgumentException e) {
                problems.add(at + ".scopes: " + e.getMessage());
            }
        }
        return problems;
    }

    /** A generated token is announced only after the transaction commits (as client secrets are). */
    void apply(BootstrapSource file, List<ScimClientEntry> entries, List<Runnable> announcements) {
        for (int i = 0; i < entries.size(); i++) {
            ScimClientEntry entry = entries.get(i);
            boolean generate = Boolean.TRUE.equals(entry.generateToken()) && clients.find(entry.name()).isEmpty();
            String token = generate ? ScimClients.newToken() : null;
            try {
                clients.upsert(toSpec(entry, token));
            } catch (RuntimeException e) {
                throw new BootstrapException("bootstrap file " + file + ": scimClients[" + i + "]: " + e.getMessage(), e);
            }
            if (token != null) {
                announcements.add(() -> GeneratedSecrets.announce("bearer token of SCIM client " + entry.name(), token));
            }
        }
    }

    private static ScimClientSpec toSpec(ScimClientEntry entry, String generatedToken) {
        Set<ScimScope> scopes = new LinkedHashSet<>();
        entry.scopes().forEach(s -> scopes.add(ScimScope.of(s)));
        Duration lifetime = entry.expiresInDays() == null ? null : Duration.ofDays(entry.expiresInDays());
        return new ScimClientSpec(entry.name(), scopes, lifetime,
                generatedToken != null ? generatedToken : entry.token(), entry.tokenHash());
    }
}
