package io.monban.scim.auth;

import java.util.Arrays;

/** What a SCIM client's token allows: reading, or also changing, users and groups. */
public enum ScimScope {
    READ("read"), WRITE("write");

    private final String value;

    ScimScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The Spring Security authority a token with this scope carries. */
    public String authority() {
        return "SCIM_" + value;
    }

    public static ScimScope of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown SCIM scope '" + value + "' (read, write)"));
    }
}
