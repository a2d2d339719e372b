package io.monban.core.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

@Embeddable
public class PhoneNumber {

    @Column(name = "phone_value")
    private String value;
    @Column(name = "phone_type")
    private String type;
    @Column(name = "is_primary")
    private boolean primary;

    protected PhoneNumber() {
    }

    public PhoneNumber(String value, String type, boolean primary) {
        this.value = value.trim();
        this.type = type;
        this.primary = primary;
    }

    public String getValue() {
        return value;
    }

    public String getType() {
        return type;
    }

    public boolean isPrimary() {
        return primary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber p && primary == p.primary && Objects.equals(value, p.value)
                && Objects.equals(type, p.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, type, primary);
    }
}
