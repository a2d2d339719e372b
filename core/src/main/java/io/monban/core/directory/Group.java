package io.monban.core.directory;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "mb_group")
public class Group implements Persistable<UUID> {

    @Id
    private UUID id;

    /** Lets save() insert a new row at once instead of first looking for one with its (assigned) id. */
    @Transient
    private boolean fresh;
    private String name;
    private String displayName;
    private Instant createdAt;
    private Instant updatedAt;
    private String externalId;

    @Version
    private long version;

    /** Maintained from the users' side ({@link User#getGroups()}), which owns the join table. */
    @ManyToMany(mappedBy = "groups")
    @BatchSize(size = 100)
    private Set<User> members = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "mb_group_role", joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "role_id"))
    private Set<Role> roles = new HashSet<>();

    protected Group() {
    }

    public Group(String name, String displayName, Instant now) {
        this.id = UUID.randomUUID();
        this.fresh = true;
        this.name = name;
        this.displayName = displayName;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDisplayName() {
        return displayName == null ? name : displayName;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Also bumps the version (ETag), which a change of members alone would not. */
    void touch(Instant now) {
        this.updatedAt = now;
    }

    public java.util.Optional<String> getExternalId() {
        return java.util.Optional.ofNullable(externalId);
    }

    void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    void rename(String name) {
        this.name = name;
    }

    public long getVersion() {
        return version;
    }

    public Set<User> getMembers() {
        return members;
    }

    public Set<Role> getRoles() {
        return roles;
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
