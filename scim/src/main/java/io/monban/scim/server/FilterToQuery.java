package io.monban.scim.server;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.monban.core.directory.UserStatus;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * Translates a parsed SCIM filter (RFC 7644 section 3.4.2.2) into a JPA query over the
 * directory's indexed columns, so that the database does the filtering. Case-insensitive
 * attributes (userName, emails.value) compare lower-cased keys, which are what the indexes hold.
 * Multi-valued attributes become EXISTS subqueries, so that a complex filter such as
 * {@code emails[type eq "work" and value co "@example.com"]} holds for one and the same value.
 *
 * @param <E> the entity (User or Group)
 */
final class FilterToQuery<E> {

    /** How an attribute's values compare. */
    enum Kind {
        /** Stored lower-cased in its column (an indexed key): compare with the lower-cased value. */
        KEY,
        /** Case-insensitive text: compare lower(column) with the lower-cased value. */
        TEXT,
        /** Case-exact text (externalId, employeeNumber, phone numbers). */
        EXACT,
        BOOLEAN,
        DATE,
        ID,
        /** SCIM {@code active}: a condition on the user's status. */
        ACTIVE
    }

    /** A filterable attribute: its JPA path (dotted through joins) and its kind. */
    record Column(String path, Kind kind) {
    }

    /** A multi-valued attribute: the JPA collection to join and its sub-attributes. */
    record MultiValued(String collection, String defaultSubAttribute, Map<String, Column> subAttributes) {
    }

    private final Class<E> type;
    private final String coreSchema;
    private final Map<String, Column> columns;
    private final Map<String, MultiValued> multiValued;
    private final Map<String, String> sortColumns;

    FilterToQuery(Class<E> type, String coreSchema, Map<String, Column> columns, Map<String, MultiValued> multiValued,
                  Map<String, String> sortColumns) {
        this.type = type;
        this.coreSchema = coreSchema.toLowerCase(Locale.ROOT);
        this.columns = columns;
        this.multiValued = multiValued;
        this.sortColumns = sortColumns;
    }

    /**
     * The query for a filter; checked completely before it runs, so that an unknown attribute
     * or a comparison its type does not allow is a 400 invalidFilter, not a database error.
     */
    Specification<E> toSpecification(Filter filter) throws BadRequestException {
        if (filter == null) {
            return (root, query, cb) -> null;
        }
        check(filter, null);
        return (root, query, cb) -> predicate(filter, root, query, cb);
    }

    Sort toSort(String sortBy, boolean descending) throws BadRequestException {
        if (sortBy == null || sortBy.isBlank()) {
            return Sort.unsorted();
        }
        Path path;
        try {
            path = Path.fromString(sortBy);
        } catch (BadRequestException e) {
            throw BadRequestException.invalidValue("sortBy '" + sortBy + "' is not an attribute path");
        }
        String column = sortColumns.get(key(path));
        if (column == null) {
            throw BadRequestException.invalidValue("sortBy '" + sortBy + "' is not a sortable attribute; use one of "
                    + sortColumns.keySet());
        }
        return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, column);
    }

    // ---- validation --------------------------------------------------------------------------

    private void check(Filter filter, MultiValued within) throws BadRequestException {
        switch (filter.getFilterType()) {
            case AND, OR -> {
                for (Filter f : filter.getCombinedFilters()) {
                    check(f, within);
                }
            }
            case NOT -> check(filter.getInvertedFilter(), within);
            case COMPLEX_VALUE -> {
                if (within != null) {
                    throw BadRequestException.invalidFilter("value filters cannot be nested");
                }
                MultiValued mv = multiValued.get(key(filter.getAttributePath()));
                if (mv == null) {
                    throw BadRequestException.invalidFilter("'" + filter.getAttributePath()
                            + "' is not a multi-valued attribute that can be filtered");
                }
                check(filter.getValueFilter(), mv);
            }
            default -> {
                Column column = resolve(filter.getAttributePath(), within).column();
                checkOperator(filter, column);
            }
        }
    }

    private void checkOperator(Filter filter, Column column) throws BadRequestException {
        FilterType op = filter.getFilterType();
        if (op == FilterType.PRESENT) {
            return;
        }
        ValueNode value = filter.getComparisonValue();
        boolean textual = column.kind() == Kind.KEY || column.kind() == Kind.TEXT || column.kind() == Kind.EXACT;
        boolean substring = op == FilterType.CONTAINS || op == FilterType.STARTS_WITH || op == FilterType.ENDS_WITH;
        boolean ordering = op == FilterType.GREATER_THAN || op == FilterType.GREATER_OR_EQUAL
                || op == FilterType.LESS_THAN || op == FilterType.LESS_OR_EQUAL;
        String attribute = filter.getAttributePath().toString();
        if (value == null || value.isNull()) {
            if (op == FilterType.EQUAL || op == FilterType.NOT_EQUAL) {
                return;
            }
            throw BadRequestException.invalidFilter("'" + op + " null' is not a comparison; use 'pr'");
        }
        switch (column.kind()) {
            case BOOLEAN, ACTIVE -> {
                if (substring || ordering) {
                    throw BadRequestException.invalidFilter("'" + attribute + "' is boolean: only eq, ne and pr apply");
                }
                booleanOf(value, attribute);
            }
            case ID -> {
                if (substring || ordering) {
                    throw BadRequestException.invalidFilter("'" + attribute + "' is an id: only eq, ne and pr apply");
                }
                if (!value.isTextual()) {
                    throw BadRequestException.invalidFilter("'" + attribute + "' takes a string id");
                }
            }
            case DATE -> {
                if (substring) {
                    throw BadRequestException.invalidFilter("'" + attribute + "' is a date: co, sw and ew do not apply");
                }
                instantOf(value, attribute);
            }
            default -> {
                if (!textual || !value.isTextual()) {
                    throw BadRequestException.invalidFilter("'" + attribute + "' takes a string value");
                }
            }
        }
    }

    private record Resolved(MultiValued multiValued, Column column) {
    }

    private Resolved resolve(Path path, MultiValued within) throws BadRequestException {
        String key = key(path);
        if (within != null) {
            Column sub = within.subAttributes().get(key);
            if (sub == null) {
                throw BadRequestException.invalidFilter("'" + path + "' is not a sub-attribute that can be filtered");
            }
            return new Resolved(within, sub);
        }
        Column column = columns.get(key);
        if (column != null) {
            return new Resolved(null, column);
        }
        // emails.value, or emails alone (its value), phoneNumbers.type, groups.value ...
        int dot = key.lastIndexOf('.');
        MultiValued mv = multiValued.get(key);
        if (mv != null) {
            return new Resolved(mv, mv.subAttributes().get(mv.defaultSubAttribute()));
        }
        if (dot > 0 && (mv = multiValued.get(key.substring(0, dot))) != null) {
            Column sub = mv.subAttributes().get(key.substring(dot + 1));
            if (sub != null) {
                return new Resolved(mv, sub);
            }
        }
        throw BadRequestException.invalidFilter("'" + path + "' is not an attribute that can be filtered");
    }

    /** Lower-cased, dotted, with the core schema URN dropped and any other URN kept as a prefix. */
    private String key(Path path) {
        StringBuilder sb = new StringBuilder();
        String urn = path.getSchemaUrn();
        if (urn != null && !urn.equalsIgnoreCase(coreSchema)) {
            sb.append(urn.toLowerCase(Locale.ROOT)).append(':');
        }
        List<String> parts = new ArrayList<>();
        for (Path.Element element : path) {
            parts.add(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        return sb.append(String.join(".", parts)).toString();
    }

    // ---- translation -------------------------------------------------------------------------

    private Predicate predicate(Filter filter, Root<E> root, CriteriaQuery<?> query, CriteriaBuilder cb) {
        try {
            return translate(filter, root, null, query, cb);
        } catch (BadRequestException e) {
            // Checked before the query was built; unreachable unless check() and translate() disagree.
            throw new ScimFailure(e);
        }
    }

    private Predicate translate(Filter filter, Root<E> root, From<?, ?> element, CriteriaQuery<?> query,
                                CriteriaBuilder cb) throws BadRequestException {
        switch (filter.getFilterType()) {
            case AND -> {
                List<Predicate> parts = new ArrayList<>();
                for (Filter f : filter.getCombinedFilters()) {
                    parts.add(translate(f, root, element, query, cb));
                }
                return cb.and(parts.toArray(Predicate[]::new));
            }
            case OR -> {
                List<Predicate> parts = new ArrayList<>();
                for (Filter f : filter.getCombinedFilters()) {
                    parts.add(translate(f, root, element, query, cb));
                }
                return cb.or(parts.toArray(Predicate[]::new));
            }
            case NOT -> {
                return cb.not(translate(filter.getInvertedFilter(), root, element, query, cb));
            }
            case COMPLEX_VALUE -> {
                MultiValued mv = multiValued.get(key(filter.getAttributePath()));
                Subquery<Integer> sub = query.subquery(Integer.class);
                Root<E> correlated = sub.correlate(root);
                From<?, ?> joined = correlated.join(mv.collection());
                sub.select(cb.literal(1)).where(translateWithin(filter.getValueFilter(), mv, joined, query, cb));
                return cb.exists(sub);
            }
            default -> {
                if (element != null) {
                    throw new IllegalStateException("within a value filter, use translateWithin");
                }
                Resolved resolved = resolve(filter.getAttributePath(), null);
                if (resolved.multiValued() == null) {
                    return compare(filter, root, resolved.column(), cb);
                }
                // A condition on one sub-attribute of any value: EXISTS (... that value ...).
                boolean negated = filter.getFilterType() == FilterType.NOT_EQUAL;
                Subquery<Integer> sub = query.subquery(Integer.class);
                Root<E> correlated = sub.correlate(root);
                From<?, ?> joined = correlated.join(resolved.multiValued().collection());
                Filter positive = negated ? Filter.eq(filter.getAttributePath(), filter.getComparisonValue()) : filter;
                sub.select(cb.literal(1)).where(compare(positive, joined, resolved.column(), cb));
                return negated ? cb.not(cb.exists(sub)) : cb.exists(sub);
            }
        }
    }

    private Predicate translateWithin(Filter filter, MultiValued mv, From<?, ?> element, CriteriaQuery<?> query,
                                      CriteriaBuilder cb) throws BadRequestException {
        return switch (filter.getFilterType()) {
            case AND, OR -> {
                List<Predicate> parts = new ArrayList<>();
                for (Filter f : filter.getCombinedFilters()) {
                    parts.add(translateWithin(f, mv, element, query, cb));
                }
                Predicate[] array = parts.toArray(Predicate[]::new);
                yield filter.getFilterType() == FilterType.AND ? cb.and(array) : cb.or(array);
            }
            case NOT -> cb.not(translateWithin(filter.getInvertedFilter(), mv, element, query, cb));
            default -> compare(filter, element, resolve(filter.getAttributePath(), mv).column(), cb);
        };
    }

    @SuppressWarnings("unchecked")
    private Predicate compare(Filter filter, From<?, ?> from, Column column, CriteriaBuilder cb)
            throws BadRequestException {
        jakarta.persistence.criteria.Path<Object> path = path(from, column.path());
        FilterType op = filter.getFilterType();
        String attribute = filter.getAttributePath().toString();
        if (op == FilterType.PRESENT) {
            return column.kind() == Kind.TEXT || column.kind() == Kind.EXACT || column.kind() == Kind.KEY
                    ? cb.and(cb.isNotNull(path), cb.notEqual(path.as(String.class), ""))
                    : cb.isNotNull(path);
        }
        ValueNode value = filter.getComparisonValue();
        if (value == null || value.isNull()) {
            return op == FilterType.EQUAL ? cb.isNull(path) : cb.isNotNull(path);
        }
        switch (column.kind()) {
            case ACTIVE -> {
                boolean active = booleanOf(value, attribute) == (op == FilterType.EQUAL);
                Predicate isActive = path.in(UserStatus.ACTIVE, UserStatus.INVITED);
                return active ? isActive : cb.not(isActive);
            }
            case BOOLEAN -> {
                Expression<Boolean> b = path.as(Boolean.class);
                boolean wanted = booleanOf(value, attribute);
                return op == FilterType.EQUAL ? cb.equal(b, wanted) : cb.notEqual(b, wanted);
            }
            case ID -> {
                Optional<UUID> id = uuid(value.asText());
                if (op == FilterType.EQUAL) {
                    return id.map(u -> cb.equal(path, u)).orElseGet(cb::disjunction);
                }
                return id.map(u -> cb.or(cb.isNull(path), cb.notEqual(path, u))).orElseGet(cb::conjunction);
            }
            case DATE -> {
                Expression<Instant> t = path.as(Instant.class);
                Instant at = instantOf(value, attribute);
                return switch (op) {
                    case EQUAL -> cb.equal(t, at);
                    case NOT_EQUAL -> cb.or(cb.isNull(t), cb.notEqual(t, at));
                    case GREATER_THAN -> cb.greaterThan(t, at);
                    case GREATER_OR_EQUAL -> cb.greaterThanOrEqualTo(t, at);
                    case LESS_THAN -> cb.lessThan(t, at);
                    case LESS_OR_EQUAL -> cb.lessThanOrEqualTo(t, at);
                    default -> throw BadRequestException.invalidFilter(op + " does not apply to dates");
                };
            }
            default -> {
                Expression<String> s = path.as(String.class);
                String v = value.asText();
                if (column.kind() == Kind.TEXT) {
                    s = cb.lower(s);
                }
                if (column.kind() != Kind.EXACT) {
                    v = v.toLowerCase(Locale.ROOT);
                }
                return switch (op) {
                    case EQUAL -> cb.equal(s, v);
                    case NOT_EQUAL -> cb.or(cb.isNull(s), cb.notEqual(s, v));
                    case CONTAINS -> cb.like(s, "%" + escape(v) + "%", '\\');
                    case STARTS_WITH -> cb.like(s, escape(v) + "%", '\\');
                    case ENDS_WITH -> cb.like(s, "%" + escape(v), '\\');
                    case GREATER_THAN -> cb.greaterThan(s, v);
                    case GREATER_OR_EQUAL -> cb.greaterThanOrEqualTo(s, v);
                    case LESS_THAN -> cb.lessThan(s, v);
                    case LESS_OR_EQUAL -> cb.lessThanOrEqualTo(s, v);
                    default -> throw BadRequestException.invalidFilter(op + " is not a comparison");
                };
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static jakarta.persistence.criteria.Path<Object> path(From<?, ?> from, String dotted) {
        String[] parts = dotted.split("\\.");
        jakarta.persistence.criteria.Path<?> path = from;
        for (int i = 0; i < parts.length; i++) {
            // A to-one association on the way (manager.id) is joined, left, so that absence is null.
            path = i < parts.length - 1 && path instanceof From<?, ?> f
                    ? f.join(parts[i], jakarta.persistence.criteria.JoinType.LEFT) : path.get(parts[i]);
        }
        return (jakarta.persistence.criteria.Path<Object>) path;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static boolean booleanOf(ValueNode value, String attribute) throws BadRequestException {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT));
        }
        throw BadRequestException.invalidFilter("'" + attribute + "' is boolean: compare it with true or false");
    }

    private static Instant instantOf(ValueNode value, String attribute) throws BadRequestException {
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // below
            }
        }
        throw BadRequestException.invalidFilter("'" + attribute + "' is a date-time: compare it with a value such "
                + "as \"2026-01-31T09:00:00Z\"");
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
