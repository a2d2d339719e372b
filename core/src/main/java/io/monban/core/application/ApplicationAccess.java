package io.monban.core.application;

/** Whether a user may enter an application, and if not, why (each protocol maps it to its error). */
public sealed interface ApplicationAccess {

    enum Reason { NOT_ASSIGNED, DISABLED }

    String applicationName();

    record Allowed(String applicationName) implements ApplicationAccess {
    }

    record Refused(String applicationName, Reason reason) implements ApplicationAccess {
    }
}
