package io.monban.core.directory;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, UUID>, JpaSpecificationExecutor<User> {

    /**
     * Two queries rather than one with OR: each is a look-up in its unique index whatever the
     * planner's statistics say (with OR and stale statistics PostgreSQL may scan the table).
     */
    @Query("select u.id from User u where u.usernameKey = :key")
    Optional<UUID> findIdByUsernameKey(String key);

    @Query("select u.id from User u where u.emailKey = :key")
    Optional<UUID> findIdByEmailKey(String key);


    /** Sign-in and claims need the groups and roles: fetch them in the same query. */
    @EntityGraph(attributePaths = {"groups", "groups.roles", "roles"})
    Optional<User> findByUsernameKey(String usernameKey);

    @EntityGraph(attributePaths = {"groups", "groups.roles", "roles"})
    Optional<User> findByEmailKey(String emailKey);

    @EntityGraph(attributePaths = {"groups", "groups.roles", "roles"})
    @Query("select u from User u where u.id = :id")
    Optional<User> findWithMembershipsById(UUID id);

    /** Claims need the groups only: one join instead of four. */
    @EntityGraph(attributePaths = {"groups"})
    @Query("select u from User u where u.id = :id")
    Optional<User> findWithGroupsById(UUID id);

    @Query("select count(u) > 0 from User u join u.roles r where r.name = :roleName")
    boolean existsWithRole(String roleName);
}
