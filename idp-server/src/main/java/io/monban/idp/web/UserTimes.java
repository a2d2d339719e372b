package io.monban.idp.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as pages show them: never a bare UTC clock time, always with the zone it is in. The page
 * renders them in {@code monban.ui.time-zone} and the page's language, inside
 * {@code <time datetime="...">}, and {@code /js/local-time.js} then shows them in the browser's
 * own zone. Templates use {@code ${@userTimes.text(t)}} and {@code ${@userTimes.iso(t)}}.
 */
@Component("userTimes")
public class UserTimes {

    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("'UTC'xxx VV");

    private final ZoneId zone;

    public UserTimes(UiProperties properties) {
        this.zone = properties.timeZone();
    }

    /** For people, in the page's language, for example {@code 2026/11/24 18:03 UTC+09:00 Asia/Tokyo}. */
    public String text(Instant time) {
        return text(time, LocaleContextHolder.getLocale());
    }

    String text(Instant time, Locale locale) {
        var local = time.atZone(zone);
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(local) + " " + ZONE.format(local);
    }

    /** For the {@code datetime} attribute and scripts: ISO 8601 with the offset. */
    public String iso(Instant time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone));
    }
}
