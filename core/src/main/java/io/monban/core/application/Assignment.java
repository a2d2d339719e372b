package io.monban.core.application;

import java.util.Set;

/**
 * Who may use an application: everyone who can sign in, or only the users and the members of the
 * groups named (by username and group name; the registry keeps their ids, so a rename keeps the
 * assignment).
 */
public sealed interface Assignment {

    Assignment EVERYONE = new Everyone();

    record Everyone() implements Assignment {
    }

    record Assigned(Set<String> users, Set<String> groups) implements Assignment {
        public Assigned {
            users = users == null ? Set.of() : Set.copyOf(users);
            groups = groups == null ? Set.of() : Set.copyOf(groups);
        }
    }
}
