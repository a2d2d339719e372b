package io.monban.core.directory;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.FetchType;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

@Entity
@Table(name = "mb_user")
public class User implements Persistable<UUID> {

    @Id
    private UUID id;

    /** Lets save() insert a new row at once instead of first looking for one with its (assigned) id. */
    @Transient
    private boolean fresh;

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

    // Provisioned attributes (SCIM core and enterprise user); the profile is their value object.
    private String externalId;
    private String formattedName;
    private String middleName;
    private String honorificPrefix;
    private String honorificSuffix;
    private String nickName;
    private String profileUrl;
    private String title;
    private String userType;
    private String preferredLanguage;
    private String timezone;
    /** Postal addresses as the provisioning JSON array: returned, never searched. */
    private String addresses;
    private String employeeNumber;
    private String costCenter;
    private String organization;
    private String division;
    private String department;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "manager_id")
    private User manager;

    @ElementCollection
    @CollectionTable(name = "mb_user_email", joinColumns = @JoinColumn(name = "user_id"))
    @OrderColumn(name = "ordinal")
    @BatchSize(size = 100)
    private List<EmailAddress> emails = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "mb_user_phone", joinColumns = @JoinColumn(name = "user_id"))
    @OrderColumn(name = "ordinal")
    @BatchSize(size = 100)
    private List<PhoneNumber> phoneNumbers = new ArrayList<>();

    @ManyToMany
    @BatchSize(size = 100)
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
        this.fresh = true;
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

    /** Sets the primary address (the one for sign-in and claims), keeping the list in step. */
    public void setEmail(String email, boolean verified) {
        String trimmed = email == null || email.isBlank() ? null : email.trim();
        boolean listInStep = trimmed == null ? emails.isEmpty()
                : emails.stream().anyMatch(e -> e.isPrimary() && e.getValue().equals(trimmed));
        if (listInStep && java.util.Objects.equals(trimmed, this.email)) {
            this.emailVerified = trimmed != null && verified;
            return;
        }
        this.email = trimmed;
        this.emailKey = key(this.email);
        this.emailVerified = this.email != null && verified;
        List<EmailAddress> others = emails.stream().filter(e -> !e.isPrimary()).toList();
        String type = emails.stream().filter(EmailAddress::isPrimary).findFirst().map(EmailAddress::getType)
                .orElse("work");
        emails.clear();
        if (this.email != null) {
            emails.add(new EmailAddress(this.email, type, true, null));
        }
        others.stream().filter(e -> !e.getValueKey().equals(emailKey)).forEach(emails::add);
    }

    /**
     * Replaces all addresses; the one marked primary (else the first) becomes the sign-in
     * address.
     */
    void setEmails(List<EmailAddress> addresses, boolean verified) {
        EmailAddress primary = addresses.stream().filter(EmailAddress::isPrimary).findFirst()
                .orElse(addresses.isEmpty() ? null : addresses.get(0));
        String previousKey = emailKey;
        this.email = primary == null ? null : primary.getValue();
        this.emailKey = key(this.email);
        this.emailVerified = this.email != null && (verified || (emailVerified && emailKey.equals(previousKey)));
        emails.clear();
        emails.addAll(addresses);
    }

    public List<EmailAddress> getEmails() {
        return emails;
    }

    public List<PhoneNumber> getPhoneNumbers() {
        return phoneNumbers;
    }

    void setPhoneNumbers(List<PhoneNumber> numbers) {
        phoneNumbers.clear();
        phoneNumbers.addAll(numbers);
    }

    public long getVersion() {
        return version;
    }

    public UserProfile profile() {
        return new UserProfile(externalId,
                new PersonName(formattedName, familyName, givenName, middleName, honorificPrefix, honorificSuffix),
                displayName, nickName, profileUrl, title, userType, preferredLanguage, locale, timezone, addresses,
                new EnterpriseAttributes(employeeNumber, costCenter, organization, division, department,
                        manager == null ? null : manager.getId()));
    }

    void setProfile(UserProfile p, User manager) {
        this.externalId = p.externalId();
        PersonName n = p.name() == null ? PersonName.EMPTY : p.name();
        this.formattedName = n.formatted();
        this.familyName = n.familyName();
        this.givenName = n.givenName();
        this.middleName = n.middleName();
        this.honorificPrefix = n.honorificPrefix();
        this.honorificSuffix = n.honorificSuffix();
        this.displayName = p.displayName();
        this.nickName = p.nickName();
        this.profileUrl = p.profileUrl();
        this.title = p.title();
        this.userType = p.userType();
        this.preferredLanguage = p.preferredLanguage();
        this.locale = p.locale();
        this.timezone = p.timezone();
        this.addresses = p.addresses();
        EnterpriseAttributes e = p.enterprise() == null ? EnterpriseAttributes.EMPTY : p.enterprise();
        this.employeeNumber = e.employeeNumber();
        this.costCenter = e.costCenter();
        this.organization = e.organization();
        this.division = e.division();
        this.department = e.department();
        this.manager = manager;
    }

    /** The manager's display name for the enterprise {@code manager.displayName}. */
    public Optional<User> getManager() {
        return Optional.ofNullable(manager);
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

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }
}
