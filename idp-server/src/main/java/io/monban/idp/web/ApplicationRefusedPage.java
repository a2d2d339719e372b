package io.monban.idp.web;

import io.monban.core.application.ApplicationAccess;
import java.util.Locale;

/** The one page (template and reason keys) that tells a user an application is not open to them. */
public final class ApplicationRefusedPage {

    public static final String TEMPLATE = "application-refused";

    private ApplicationRefusedPage() {
    }

    /** The message key suffix of a refusal: {@code not_assigned} or {@code disabled}. */
    public static String reason(ApplicationAccess.Refused refused) {
        return refused.reason().name().toLowerCase(Locale.ROOT);
    }
}
