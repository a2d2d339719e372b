package io.monban.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

class AttributeProjectionTest {

    private static final String ENTERPRISE = ScimJson.ENTERPRISE_SCHEMA;

    private static ObjectNode user() throws BadRequestException {
        return ScimJson.parseObject("""
                {"schemas":["s"],"id":"1","userName":"bjensen","name":{"givenName":"B","familyName":"J"},
                 "emails":[{"value":"a@x","type":"work"},{"value":"b@x","type":"home"}],
                 "%s":{"department":"Ops","employeeNumber":"7"},"meta":{"version":"W/\\"1\\""}}""".formatted(ENTERPRISE));
    }

    @Test
    void attributesKeepOnlyWhatIsAskedForPlusIdSchemasAndMeta() throws BadRequestException {
        ObjectNode trimmed = AttributeProjection.of("userName,NAME.familyName,emails.value," + ENTERPRISE
                + ":department", null).apply(user());
        assertThat(trimmed.fieldNames()).toIterable().containsExactlyInAnyOrder("schemas", "id", "meta", "userName",
                "name", "emails", ENTERPRISE);
        assertThat(trimmed.get("name").has("givenName")).isFalse();
        assertThat(trimmed.get("emails").get(1).has("type")).isFalse();
        assertThat(trimmed.get(ENTERPRISE).has("employeeNumber")).isFalse();
    }

    @Test
    void excludedAttributesDropThoseButNeverTheId() throws BadRequestException {
        ObjectNode trimmed = AttributeProjection.of(null, "emails,name.givenName,id").apply(user());
        assertThat(trimmed.has("emails")).isFalse();
        assertThat(trimmed.get("name").has("givenName")).isFalse();
        assertThat(trimmed.get("id").asText()).isEqualTo("1");
    }
}
