package io.monban.idp.oidc;

import io.monban.idp.testsupport.Browser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the consent page the way a user's browser submits it. */
public final class ConsentForm {

    private static final Pattern STATE = Pattern.compile("name=\"state\"\\s+value=\"([^\"]+)\"");
    private static final Pattern SCOPE = Pattern.compile("name=\"scope\"\\s+value=\"([^\"]+)\"");

    private ConsentForm() {
    }

    public static String state(String html) {
        Matcher m = STATE.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no state in consent page");
        }
        return m.group(1);
    }

    /** The approve form with every scope ticked (one {@code scope} field per scope). */
    public static Map<String, Object> approveAll(String html) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("client_id", "consent-app");
        form.put("state", state(html));
        List<String> scopes = new ArrayList<>();
        Matcher m = SCOPE.matcher(html);
        while (m.find()) {
            scopes.add(m.group(1));
        }
        form.put("scope", scopes);
        form.put("_csrf", Browser.csrf(html));
        return form;
    }
}
