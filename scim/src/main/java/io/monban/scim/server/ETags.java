package io.monban.scim.server;

import java.util.Arrays;

/** Weak ETags from the resource version, and the If-Match test (RFC 7232, RFC 7644 section 3.14). */
final class ETags {

    private ETags() {
    }

    static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * The version an If-Match header requires, or null when it allows any ({@code *} or absent).
     * A header that names no version this server made can never match: -1.
     */
    static Long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String first = Arrays.stream(ifMatch.split(",")).map(String::trim).findFirst().orElse("");
        String tag = first.startsWith("W/") ? first.substring(2) : first;
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
