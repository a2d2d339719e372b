package io.monban.core.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One of a user's email addresses; {@code valueKey} is the lower-cased, indexed look-up key. */
@Embeddable
public class EmailAddress {

    @Column(name = "email_value")
    private String value;
    @Column(name = "value_key")
    private String valueKey;
    @Column(name = "email_type")
    private String type;
    @Column(name = "is_primary")
    private boolean primary;
    private String display;

    protected EmailAddress() {
    }

    public EmailAddress(String value, String type, boolean primary, String display) {
        this.value = value.trim();
        this.valueKey = User.key(value);
        this.type = type;
        this.primary = primary;
        this.display = display;
    }

    public String getValue() {
        return value;
    }

    public String getValueKey() {
        return valueKey;
    }

    public String getType() {
        return type;
    }

    public boolean isPrimary() {
        return primary;
    }

    public String getDisplay() {
        return display;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress e && primary == e.primary && Objects.equals(value, e.value)
                && Objects.equals(type, e.type) && Objects.equals(display, e.display);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, type, primary, display);
    }
}
