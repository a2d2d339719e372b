package io.monban.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScimClientsTest {

    private final ScimClients clients = new ScimClients(null, null, Clock.systemUTC());

    @Test
    void generatedTokensAre256RandomBits() {
        String token = ScimClients.newToken();
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(ScimClients.newToken()).isNotEqualTo(token);
    }

    @Test
    void aClientNeedsANameScopesAndAStrongTokenOrItsHash() {
        assertThat(clients.validate(new ScimClientSpec("workday", Set.of(ScimScope.READ, ScimScope.WRITE),
                Duration.ofDays(365), ScimClients.newToken(), null))).isEmpty();
        assertThat(clients.validate(new ScimClientSpec("work day", Set.of(), Duration.ZERO, "short", "nothex")))
                .anyMatch(p -> p.startsWith("name:")).anyMatch(p -> p.startsWith("scopes:"))
                .anyMatch(p -> p.startsWith("expiresInDays:")).anyMatch(p -> p.startsWith("token:"))
                .anyMatch(p -> p.startsWith("tokenHash:")).anyMatch(p -> p.startsWith("give at most one"));
    }

    @Test
    void unknownScopesAreRefused() {
        assertThatThrownBy(() -> ScimScope.of("admin")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ScimScope.of("write").authority()).isEqualTo("SCIM_write");
    }

    @Test
    void noTokenOfAnyShapeAuthenticatesWithoutALookUp() {
        assertThat(clients.authenticate(null)).isEmpty();
        assertThat(clients.authenticate(" ")).isEmpty();
        assertThat(clients.authenticate("x".repeat(513))).isEmpty();
    }
}
