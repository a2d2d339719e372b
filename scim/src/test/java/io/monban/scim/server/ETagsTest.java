package io.monban.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void weakTagsCarryTheVersion() {
        assertThat(ETags.of(7)).isEqualTo("W/\"7\"");
        assertThat(ETags.required("W/\"7\"")).isEqualTo(7L);
        assertThat(ETags.required("\"7\"")).isEqualTo(7L);
    }

    @Test
    void absentOrStarAllowsAnyVersionAndGarbageMatchesNone() {
        assertThat(ETags.required(null)).isNull();
        assertThat(ETags.required("*")).isNull();
        assertThat(ETags.required("W/\"abc\"")).isEqualTo(-1L);
    }
}
