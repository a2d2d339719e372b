package io.monban.scim.server;

import static io.monban.scim.server.FilterToQuery.Kind.ACTIVE;
import static io.monban.scim.server.FilterToQuery.Kind.BOOLEAN;
import static io.monban.scim.server.FilterToQuery.Kind.DATE;
import static io.monban.scim.server.FilterToQuery.Kind.EXACT;
import static io.monban.scim.server.FilterToQuery.Kind.ID;
import static io.monban.scim.server.FilterToQuery.Kind.KEY;
import static io.monban.scim.server.FilterToQuery.Kind.TEXT;

import io.monban.core.directory.Group;
import io.monban.core.directory.User;
import io.monban.scim.server.FilterToQuery.Column;
import io.monban.scim.server.FilterToQuery.Kind;
import io.monban.scim.server.FilterToQuery.MultiValued;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Which SCIM attributes can be filtered and sorted on, and the columns they live in. */
final class ScimQueries {

    private static final String ENTERPRISE = ScimJson.ENTERPRISE_SCHEMA.toLowerCase(Locale.ROOT) + ":";

    static final FilterToQuery<User> USERS = new FilterToQuery<>(User.class, ScimJson.USER_SCHEMA,
            userColumns(), Map.of(
                    "emails", new MultiValued("emails", "value", Map.of(
                            "value", new Column("valueKey", KEY), "type", new Column("type", TEXT),
                            "primary", new Column("primary", BOOLEAN), "display", new Column("display", TEXT))),
                    "phonenumbers", new MultiValued("phoneNumbers", "value", Map.of(
                            "value", new Column("value", EXACT), "type", new Column("type", TEXT),
                            "primary", new Column("primary", BOOLEAN))),
                    "groups", new MultiValued("groups", "value", Map.of(
                            "value", new Column("id", ID), "display", new Column("displayName", TEXT)))),
            Map.ofEntries(
                    Map.entry("id", "id"), Map.entry("username", "usernameKey"),
                    Map.entry("externalid", "externalId"), Map.entry("displayname", "displayName"),
                    Map.entry("name.familyname", "familyName"), Map.entry("name.givenname", "givenName"),
                    Map.entry("title", "title"), Map.entry("emails", "emailKey"), Map.entry("emails.value", "emailKey"),
                    Map.entry("meta.created", "createdAt"), Map.entry("meta.lastmodified", "updatedAt"),
                    Map.entry(ENTERPRISE + "employeenumber", "employeeNumber"),
                    Map.entry(ENTERPRISE + "department", "department")));

    static final FilterToQuery<Group> GROUPS = new FilterToQuery<>(Group.class, ScimJson.GROUP_SCHEMA,
            Map.of("id", new Column("id", ID), "displayname", new Column("displayName", TEXT),
                    "externalid", new Column("externalId", EXACT), "meta.created", new Column("createdAt", DATE),
                    "meta.lastmodified", new Column("updatedAt", DATE)),
            Map.of("members", new MultiValued("members", "value", Map.of(
                    "value", new Column("id", ID), "display", new Column("displayName", TEXT)))),
            Map.of("id", "id", "displayname", "displayName", "externalid", "externalId",
                    "meta.created", "createdAt", "meta.lastmodified", "updatedAt"));

    private ScimQueries() {
    }

    private static Map<String, Column> userColumns() {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("id", new Column("id", ID));
        c.put("username", new Column("usernameKey", KEY));
        c.put("externalid", new Column("externalId", EXACT));
        for (String text : new String[] {"displayName", "nickName", "profileUrl", "title", "userType",
                "preferredLanguage", "locale", "timezone"}) {
            c.put(text.toLowerCase(Locale.ROOT), new Column(text, TEXT));
        }
        c.put("name.formatted", new Column("formattedName", TEXT));
        c.put("name.familyname", new Column("familyName", TEXT));
        c.put("name.givenname", new Column("givenName", TEXT));
        c.put("name.middlename", new Column("middleName", TEXT));
        c.put("name.honorificprefix", new Column("honorificPrefix", TEXT));
        c.put("name.honorificsuffix", new Column("honorificSuffix", TEXT));
        c.put("active", new Column("status", ACTIVE));
        c.put("meta.created", new Column("createdAt", DATE));
        c.put("meta.lastmodified", new Column("updatedAt", DATE));
        c.put(ENTERPRISE + "employeenumber", new Column("employeeNumber", EXACT));
        c.put(ENTERPRISE + "costcenter", new Column("costCenter", TEXT));
        c.put(ENTERPRISE + "organization", new Column("organization", TEXT));
        c.put(ENTERPRISE + "division", new Column("division", TEXT));
        c.put(ENTERPRISE + "department", new Column("department", TEXT));
        c.put(ENTERPRISE + "manager", new Column("manager.id", ID));
        c.put(ENTERPRISE + "manager.value", new Column("manager.id", ID));
        return c;
    }

}
