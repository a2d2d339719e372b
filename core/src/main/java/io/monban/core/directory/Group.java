package io.monban.core.directory;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "mb_group")
public class Group {

    @Id
    private UUID id;
    private String name;
    private String displayName;
    private Instant createdAt;

    @ManyToMany
    @JoinTable(name = "mb_group_role", joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "role_id"))
    private Set<Role> roles = new HashSet<>();

    protected Group() {
    }

    public Group(String name, String displayName, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.displayName = displayName;
        this.createdAt = now;
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

    public Set<Role> getRoles() {
        return roles;
    }
}
