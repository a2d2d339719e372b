package io.monban.idp.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.GroupRepository;
import io.monban.idp.MonbanApplication;
import io.monban.idp.oidc.OidcClientRegistrar;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BootstrapLoaderIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, TestServers.freePort(), "bootstrap-it.yaml");
        TestDatabases.h2(registry);
    }

    @Autowired
    BootstrapLoader loader;
    @Autowired
    DirectoryService directory;
    @Autowired
    GroupRepository groups;
    @Autowired
    OidcClientRegistrar clients;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.monban.core.policy.MfaPolicyService mfaPolicies;

    @TempDir
    Path dir;

    Path file(String yaml) throws IOException {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    int auditRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mb_audit_event", Integer.class);
    }

    @Test
    void reportsEveryProblemWithItsKeyAndAppliesNothing() throws IOException {
        Path file = file("""
                groups:
                  - name: finance
                    roles: [no-such-role]
                users:
                  - username: dan
                    password: short
                    groups: [finance, marketing]
                  - username: Dan
                    email: not-an-email
                oidcClients:
                  - clientId: wild
                    redirectUris: ["https://*.example.com/cb"]
                    grantTypes: [authorization_code, client_credentials, password]
                  - clientId: weak
                    secret: tooshort
                    redirectUris: [https://weak.example.com/cb]
                mfaPolicy:
                  stepUpLifetime: never
                """);
        int before = auditRows();
        assertThatThrownBy(() -> loader.apply(file))
                .isInstanceOf(BootstrapException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("groups[0].roles: unknown role no-such-role")
                .hasMessageContaining("users[0].password: shorter than 12 characters")
                .hasMessageContaining("users[0].groups: unknown group marketing")
                .hasMessageContaining("users[1].username: duplicate user Dan")
                .hasMessageContaining("users[1].email: not an email address")
                .hasMessageContaining("oidcClients[0].redirectUris: https://*.example.com/cb: wildcards are not allowed")
                .hasMessageContaining("oidcClients[0].grantTypes: unsupported grant type password")
                .hasMessageContaining("oidcClients[0].grantTypes: client_credentials needs a secret")
                .hasMessageContaining("oidcClients[1].secret: at least 32 characters")
                .hasMessageContaining("mfaPolicy.stepUpLifetime: 'never' is not a duration");
        assertThat(groups.findByName("finance")).isEmpty();
        assertThat(directory.findByLogin("dan")).isEmpty();
        assertThat(auditRows()).isEqualTo(before);
    }

    @Test
    void aPublicClientWithoutPkceIsRefusedAndAConfidentialOneMayGoWithout() throws IOException {
        Path file = file("""
                oidcClients:
                  - clientId: pkce-less-spa
                    redirectUris: [https://spa.example.com/cb]
                    requirePkce: false
                """);
        int before = auditRows();
        assertThatThrownBy(() -> loader.apply(file)).isInstanceOf(BootstrapException.class)
                .hasMessageContaining("oidcClients[0].requirePkce: a public client (no secret) must use PKCE");
        assertThat(clients.find("pkce-less-spa")).isEmpty();
        assertThat(auditRows()).isEqualTo(before);

        Path confidential = file("""
                oidcClients:
                  - clientId: pkce-less-saas
                    secret: pkce-less-saas-secret-0123456789abcdefgh
                    redirectUris: [https://saas.example.com/cb]
                    requirePkce: false
                  - clientId: pkce-saas
                    secret: pkce-saas-secret-0123456789abcdefghijklm
                    redirectUris: [https://saas.example.com/cb]
                """);
        loader.apply(confidential);
        assertThat(clients.find("pkce-less-saas").orElseThrow().getClientSettings().isRequireProofKey()).isFalse();
        assertThat(clients.find("pkce-saas").orElseThrow().getClientSettings().isRequireProofKey()).isTrue();
    }

    @Test
    void unknownKeysAndBrokenYamlAreErrorsWithTheirPlace() throws IOException {
        Path typo = file("""
                users:
                  - username: erin
                    emial: erin@example.com
                """);
        assertThatThrownBy(() -> loader.apply(typo)).isInstanceOf(BootstrapException.class)
                .hasMessageContaining("users[0]").hasMessageContaining("emial");
        Path broken = file("users: [ {username: x\n");
        assertThatThrownBy(() -> loader.apply(broken)).isInstanceOf(BootstrapException.class)
                .hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> loader.apply(dir.resolve("missing.yaml"))).hasMessageContaining("does not exist");
    }

    @Test
    void aFailureWhileApplyingRollsBackTheWholeFile() throws IOException {
        // alice@example.com belongs to alice already: only applying can find that out.
        Path file = file("""
                groups:
                  - name: legal
                users:
                  - username: frank
                    email: frank@example.com
                    password: copper-meadow-violin-58-harbor
                    groups: [legal]
                  - username: mallory
                    email: ALICE@example.com
                """);
        int before = auditRows();
        assertThatThrownBy(() -> loader.apply(file)).isInstanceOf(BootstrapException.class)
                .hasMessageContaining("users[1]").hasMessageContaining("already belongs to another user");
        assertThat(groups.findByName("legal")).isEmpty();
        assertThat(directory.findByLogin("frank")).isEmpty();
        assertThat(auditRows()).isEqualTo(before);
    }

    @Test
    void applyingTwiceIsIdempotentAndKeepsAChangedPassword() throws IOException {
        Path file = file("""
                roles:
                  - name: auditor
                groups:
                  - name: compliance
                    roles: [auditor]
                users:
                  - username: grace
                    email: grace@example.com
                    password: lemon-quarry-sailor-72-violet
                    groups: [compliance]
                oidcClients:
                  - clientId: grace-app
                    redirectUris: [https://grace.example.com/cb]
                mfaPolicy:
                  requiredGroups: [compliance]
                  requiredRoles: [auditor]
                  stepUpLifetime: 10m
                """);
        loader.apply(file);
        assertThat(mfaPolicies.current()).isEqualTo(new io.monban.core.policy.MfaRequirement(false,
                java.util.Set.of("compliance"), java.util.Set.of("auditor"), java.time.Duration.ofMinutes(10), 0, true,
                java.util.Set.of(io.monban.core.policy.SecondFactorKind.TOTP, io.monban.core.policy.SecondFactorKind.WEBAUTHN)));
        var grace = directory.findByLogin("grace").orElseThrow();
        directory.changePassword(grace.getId(), "walnut-glacier-tuba-19-orbit");
        String changed = directory.findByLogin("grace").orElseThrow().getPasswordHash().orElseThrow();

        loader.apply(file);

        assertThat(directory.findByLogin("grace").orElseThrow().getPasswordHash()).contains(changed);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_user WHERE username_key = 'grace'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = 'grace-app'",
                Integer.class)).isEqualTo(1);
        assertThat(directory.findWithMemberships(grace.getId()).orElseThrow().effectiveRoleNames())
                .containsExactly("auditor");
    }

    @Test
    void twoNodesApplyingTheSameFileAtOnceBothSucceed() throws Exception {
        Path file = file("""
                groups:
                  - name: audit-team
                users:
                  - username: heidi
                    email: heidi@example.com
                    password: marble-cactus-orbit-83-violin
                    groups: [audit-team]
                """);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> loader.apply(file));
            var second = pool.submit(() -> loader.apply(file));
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_user WHERE username_key = 'heidi'", Integer.class))
                .isEqualTo(1);
        assertThat(groups.findByName("audit-team")).isPresent();
    }
}
