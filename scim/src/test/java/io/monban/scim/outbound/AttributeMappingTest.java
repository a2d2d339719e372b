package io.monban.scim.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.directory.NewUser;
import io.monban.core.directory.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AttributeMappingTest {

    private static User taro() {
        User user = new User("taro", Instant.parse("2026-01-01T00:00:00Z"));
        user.setEmail("taro@example.com", true);
        user.setName("Taro", "Yamada", "山田 太郎");
        return user;
    }

    @Test
    void theDefaultMappingRendersACoreUserWithActive() {
        ObjectNode resource = AttributeMapping.of(Map.of()).resource(taro(), true);
        assertThat(resource.path("schemas").path(0).asString()).isEqualTo(AttributeMapping.USER_SCHEMA);
        assertThat(resource.path("userName").asString()).isEqualTo("taro");
        assertThat(resource.path("name").path("givenName").asString()).isEqualTo("Taro");
        assertThat(resource.path("name").path("familyName").asString()).isEqualTo("Yamada");
        assertThat(resource.path("displayName").asString()).isEqualTo("山田 太郎");
        assertThat(resource.path("emails").path(0).path("value").asString()).isEqualTo("taro@example.com");
        assertThat(resource.path("emails").path(0).path("primary").asBoolean()).isTrue();
        assertThat(resource.path("active").asBoolean()).isTrue();
        assertThat(resource.has("locale")).as("absent attributes are left out").isFalse();
    }

    @Test
    void aCustomMappingSurvivesStorageAndRendersOnlyWhatItMaps() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("userName", "email");
        mapping.put("externalId", "id");
        User taro = taro();
        AttributeMapping stored = AttributeMapping.parse(AttributeMapping.of(mapping).toJson());
        ObjectNode resource = stored.resource(taro, false);
        assertThat(resource.path("userName").asString()).isEqualTo("taro@example.com");
        assertThat(resource.path("externalId").asString()).isEqualTo(taro.getId().toString());
        assertThat(resource.has("name")).isFalse();
        assertThat(resource.path("active").asBoolean(true)).isFalse();
    }

    @Test
    void badMappingsAreNamedKeyByKey() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("displayName", "salary");
        mapping.put("active", "username");
        mapping.put("name..x", "username");
        assertThat(AttributeMapping.problems(mapping)).containsExactlyInAnyOrder(
                "attributeMapping: userName must be mapped (Monban finds downstream users by it)",
                "attributeMapping.displayName: unknown Monban attribute salary (one of [displayName, email, "
                        + "familyName, givenName, id, locale, username])",
                "attributeMapping.active: set by Monban itself, cannot be mapped",
                "attributeMapping.name..x: not a SCIM attribute path such as name.givenName");
        assertThat(AttributeMapping.problems(Map.of())).isEmpty();
    }
}
