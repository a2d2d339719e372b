package io.monban.idp.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.directory.User;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Discovery's claims_supported and scopes_supported come from these lists: they must match what is released. */
class UserClaimsTest {

    @Test
    void everyClaimReleasedForEveryScopeIsListed() {
        User user = new User("taro", Instant.parse("2026-01-01T00:00:00Z"));
        user.setEmail("taro@example.com", true);
        user.setName("Taro", "Yamada", "Taro Yamada");
        user.setLocale("ja");
        assertThat(UserClaims.forScopes(user, Set.copyOf(UserClaims.SCOPES)).keySet())
                .containsExactlyInAnyOrderElementsOf(UserClaims.CLAIMS);
    }
}
