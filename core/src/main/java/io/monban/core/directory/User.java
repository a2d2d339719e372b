package io.monban.core.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "mb_user")
public class User {

    @Id
    private UUID id;

    private String username;

    /** Lower-cased username: uniqueness and look-up are case-insensitive on every database. */
    @Column(name = "username_key")
    private String usernameKey;

    private String email;

    @Column(name = "email_key")
    private String emailKey;

    private boolean emailVerified;
    private String givenName;
    private String familyName;
    private String displayName;
    private String locale;

    @Enumerated(EnumType.STRING)
    private UserStatus status;

    private String passwordHash;
    private Instant passwordChangedAt;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long version;

    @ManyToMany
    @JoinTable(name = "mb_user_group", joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    private Set<Group> groups = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "mb_user_role", joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "role_id"))
    private Set<Role> roles = new HashSet<>();

    protected User() {
    }

    public User(String username, Instant now) {
        this.id = UUID.randomUUID();
        setUsername(username);
        this.status = UserStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    static String key(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    void setUsername(String username) {
        this.username = username.trim();
        this.usernameKey = key(username);
    }

    public Optional<String> getEmail() {
        return Optional.ofNullable(email);
    }

    public void setEmail(String email, boolean verified) {
        this.email = email == null || email.isBlank() ? null : email.trim();
        this.emailKey = key(this.email);
        this.emailVerified = this.email != null && verified;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public Optional<String> getGivenName() {
        return Optional.ofNullable(givenName);
    }

    public Optional<String> getFamilyName() {
        return Optional.ofNullable(familyName);
    }

    public void setName(String givenName, String familyName, String displayName) {
        this.givenName = givenName;
        this.familyName = familyName;
        this.displayName = displayName;
    }

    /** The display name, else "given family", else the username. */
    public String getDisplayName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        String joined = String.join(" ", Optional.ofNullable(givenName).orElse(""),
                Optional.ofNullable(familyName).orElse("")).trim();
        return joined.isEmpty() ? username : joined;
    }

    public Optional<String> getLocale() {
        return Optional.ofNullable(locale);
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public UserStatus getStatus() {
        return status;
    }

    void setStatus(UserStatus status) {
        this.status = status;
    }

    public boolean canSignIn() {
        return status == UserStatus.ACTIVE && passwordHash != null;
    }

    public Optional<String> getPasswordHash() {
        return Optional.ofNullable(passwordHash);
    }

    void setPasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
    }

    /** Same password, stronger hash: not a password change, so the change time stays. */
    void rehashPassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Optional<Instant> getPasswordChangedAt() {
        return Optional.ofNullable(passwordChangedAt);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    public Set<Group> getGroups() {
        return groups;
    }

    public Set<Role> getRoles() {
        return roles;
    }

    /** Roles held directly or through a group. */
    public Set<String> effectiveRoleNames() {
        Set<String> names = new HashSet<>();
        roles.forEach(r -> names.add(r.getName()));
        groups.forEach(g -> g.getRoles().forEach(r -> names.add(r.getName())));
        return names;
    }
}
