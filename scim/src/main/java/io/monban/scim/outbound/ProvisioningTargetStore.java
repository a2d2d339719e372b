package io.monban.scim.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Targets, their assignments and the ids downstream applications gave Monban's users. */
@Repository
class ProvisioningTargetStore {

    private static final String COLUMNS = "id, name, application, base_url, token_enc, attribute_mapping, enabled";

    private final JdbcTemplate jdbc;

    ProvisioningTargetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProvisioningTarget> findByName(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mb_provisioning_target WHERE name = ?", this::target, name)
                .stream().findFirst();
    }

    List<ProvisioningTarget> enabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM mb_provisioning_target WHERE enabled = TRUE ORDER BY name",
                this::target);
    }

    List<String> names() {
        return jdbc.queryForList("SELECT name FROM mb_provisioning_target ORDER BY name", String.class);
    }

    void insert(ProvisioningTarget t, Instant now) {
        jdbc.update("INSERT INTO mb_provisioning_target (" + COLUMNS + ", created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.name(), t.application(), t.baseUrl(),
                t.sealedToken(), t.mapping().toJson(), t.enabled(), Timestamp.from(now), Timestamp.from(now));
    }

    void update(ProvisioningTarget t, Instant now) {
        jdbc.update("UPDATE mb_provisioning_target SET application = ?, base_url = ?, token_enc = ?, "
                        + "attribute_mapping = ?, enabled = ?, updated_at = ? WHERE id = ?", t.application(),
                t.baseUrl(), t.sealedToken(), t.mapping().toJson(), t.enabled(), Timestamp.from(now), t.id());
    }

    Set<UUID> directUsers(UUID targetId) {
        return new HashSet<>(jdbc.queryForList("SELECT user_id FROM mb_provisioning_user WHERE target_id = ?",
                UUID.class, targetId));
    }

    Set<UUID> groups(UUID targetId) {
        return new HashSet<>(jdbc.queryForList("SELECT group_id FROM mb_provisioning_group WHERE target_id = ?",
                UUID.class, targetId));
    }

    void replaceAssignments(UUID targetId, Collection<UUID> users, Collection<UUID> groups) {
        jdbc.update("DELETE FROM mb_provisioning_user WHERE target_id = ?", targetId);
        jdbc.update("DELETE FROM mb_provisioning_group WHERE target_id = ?", targetId);
        users.forEach(u -> jdbc.update("INSERT INTO mb_provisioning_user (target_id, user_id) VALUES (?, ?)",
                targetId, u));
        groups.forEach(g -> jdbc.update("INSERT INTO mb_provisioning_group (target_id, group_id) VALUES (?, ?)",
                targetId, g));
    }

    /** Users assigned to the target directly or through one of its groups. */
    Set<UUID> assignedUsers(UUID targetId) {
        Set<UUID> users = directUsers(targetId);
        users.addAll(jdbc.queryForList("SELECT ug.user_id FROM mb_user_group ug JOIN mb_provisioning_group pg "
                + "ON pg.group_id = ug.group_id WHERE pg.target_id = ?", UUID.class, targetId));
        return users;
    }

    Optional<String> remoteId(UUID targetId, UUID userId) {
        return jdbc.queryForList("SELECT remote_id FROM mb_provisioning_link WHERE target_id = ? AND user_id = ?",
                String.class, targetId, userId).stream().findFirst();
    }

    void link(UUID targetId, UUID userId, String remoteId, Instant now) {
        int updated = jdbc.update("UPDATE mb_provisioning_link SET remote_id = ? WHERE target_id = ? AND user_id = ?",
                remoteId, targetId, userId);
        if (updated == 0) {
            jdbc.update("INSERT INTO mb_provisioning_link (target_id, user_id, remote_id, created_at) "
                    + "VALUES (?, ?, ?, ?)", targetId, userId, remoteId, Timestamp.from(now));
        }
    }

    void unlink(UUID targetId, UUID userId) {
        jdbc.update("DELETE FROM mb_provisioning_link WHERE target_id = ? AND user_id = ?", targetId, userId);
    }

    /** Whether the user exists downstream or is about to: linked, or a creation is still queued. */
    boolean isProvisioned(ProvisioningTarget target, UUID userId) {
        return remoteId(target.id(), userId).isPresent() || jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox "
                        + "WHERE channel = ? AND target = ? AND user_id = ? AND operation = ? AND status = 'PENDING'",
                Integer.class, ScimProvisioningChannel.NAME, target.name(), userId, Operation.UPSERT.value()) > 0;
    }

    /** The operation and payload last queued for the user at the target, unless it failed. */
    Optional<Queued> lastMessage(ProvisioningTarget target, UUID userId) {
        JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
        limited.setMaxRows(1);
        return limited.query("SELECT operation, payload, status FROM mb_outbox WHERE channel = ? AND target = ? "
                        + "AND user_id = ? ORDER BY id DESC",
                (rs, row) -> "FAILED".equals(rs.getString(3)) ? null : new Queued(rs.getString(1), rs.getString(2)),
                ScimProvisioningChannel.NAME, target.name(), userId).stream().filter(java.util.Objects::nonNull)
                .findFirst();
    }

    record Queued(String operation, String payload) {
    }

    private ProvisioningTarget target(ResultSet rs, int row) throws SQLException {
        return new ProvisioningTarget(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), AttributeMapping.parse(rs.getString(6)), rs.getBoolean(7));
    }
}
