package io.monban.idp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class UserTimesTest {

    static final Instant NOON_UTC = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void timesAreShownInTheConfiguredZoneWithItsOffsetAndNameInThePagesLanguage() {
        UserTimes tokyo = new UserTimes(new UiProperties(ZoneId.of("Asia/Tokyo")));
        assertThat(tokyo.text(NOON_UTC, Locale.JAPANESE)).contains("2026").contains("21:00")
                .endsWith("UTC+09:00 Asia/Tokyo");
        assertThat(tokyo.text(NOON_UTC, Locale.ENGLISH)).contains("2026").contains("9:00")
                .endsWith("UTC+09:00 Asia/Tokyo");
        assertThat(tokyo.iso(NOON_UTC)).isEqualTo("2026-11-24T21:00:00+09:00");
    }

    @Test
    void withoutAConfiguredZoneTheJvmsZoneIsUsedAndStillNamed() {
        UserTimes server = new UserTimes(new UiProperties(null));
        assertThat(server.text(NOON_UTC, Locale.ENGLISH)).endsWith(ZoneId.systemDefault().getId())
                .containsPattern("UTC[+-]\\d{2}:\\d{2}");
    }
}
