package io.monban.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.domain.Sort;

/** The checks a filter passes before it becomes a query (the queries themselves run in ScimServer*IT). */
class FilterToQueryTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "userName eq \"a\"", "userName ne \"a\" and title co \"x\"", "emails.value sw \"a\"", "emails pr",
            "emails[type eq \"work\" and value ew \"@x.example\"]", "not (active eq false)", "active eq \"True\"",
            "meta.lastModified gt \"2026-01-01T00:00:00Z\"", "name.familyName le \"M\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a\"", "groups.value eq \"g\"",
            "(userName eq \"a\" or userName eq \"b\") and phoneNumbers[type eq \"work\"]"})
    void acceptsFiltersOverKnownAttributes(String filter) {
        assertThatCode(() -> ScimQueries.USERS.toSpecification(Filter.fromString(filter))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "shoeSize eq \"42\"", "password eq \"secret\"", "active gt true", "active co \"t\"", "id sw \"1\"",
            "meta.created eq \"yesterday\"", "meta.created co \"2026\"", "userName eq 42", "emails[shoe eq \"x\"]",
            "title[value eq \"x\"]", "userName gt null",
            "urn:example:other:2.0:User:department eq \"x\""})
    void refusesOthersAsInvalidFilter(String filter) throws BadRequestException {
        Filter parsed = Filter.fromString(filter);
        assertThatThrownBy(() -> ScimQueries.USERS.toSpecification(parsed))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidFilter"));
    }

    @Test
    void groupsHaveTheirOwnAttributes() throws BadRequestException {
        assertThatCode(() -> ScimQueries.GROUPS.toSpecification(Filter.fromString("members.value eq \"x\" and "
                + "displayName co \"eng\""))).doesNotThrowAnyException();
        Filter userFilter = Filter.fromString("userName eq \"a\"");
        assertThatThrownBy(() -> ScimQueries.GROUPS.toSpecification(userFilter)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void sortsByIndexedColumnsOnly() throws BadRequestException {
        assertThat(ScimQueries.USERS.toSort("userName", true)).isEqualTo(Sort.by(Sort.Direction.DESC, "usernameKey"));
        assertThat(ScimQueries.USERS.toSort("emails.value", false)).isEqualTo(Sort.by("emailKey"));
        assertThat(ScimQueries.USERS.toSort(null, false)).isEqualTo(Sort.unsorted());
        assertThatThrownBy(() -> ScimQueries.USERS.toSort("password", false))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidValue"));
    }
}
