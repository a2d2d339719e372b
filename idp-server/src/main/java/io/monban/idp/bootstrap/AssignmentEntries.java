package io.monban.idp.bootstrap;

import io.monban.core.application.Assignment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code assignment} key of an application in the bootstrap file: absent or {@code everyone},
 * or {@code {users: [...], groups: [...]}} (usernames and group names).
 */
final class AssignmentEntries {

    private AssignmentEntries() {
    }

    /** The assignment, or problems ("at: reason") when the value has another shape. */
    static Assignment parse(Object value, String at, List<String> problems) {
        if (value == null || "everyone".equals(value)) {
            return Assignment.EVERYONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(at + ": 'everyone' or {users: [...], groups: [...]}");
            return Assignment.EVERYONE;
        }
        for (Object key : map.keySet()) {
            if (!"users".equals(key) && !"groups".equals(key)) {
                problems.add(at + "." + key + ": unknown key (users or groups)");
            }
        }
        return new Assignment.Assigned(names(map.get("users"), at + ".users", problems),
                names(map.get("groups"), at + ".groups", problems));
    }

    private static Set<String> names(Object value, String at, List<String> problems) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(at + ": a list of names");
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (item instanceof String name && !name.isBlank()) {
                names.add(name);
            } else {
                problems.add(at + ": '" + item + "' is not a name");
            }
        }
        return names;
    }

    /** {@link #parse} where the file was validated already. */
    static Assignment parse(Object value) {
        List<String> problems = new ArrayList<>();
        Assignment assignment = parse(value, "assignment", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return assignment;
    }
}
