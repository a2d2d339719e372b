package io.monban.core.audit;

/**
 * What happened, as a service reports it. Who and from where come from the {@link AuditActor}.
 *
 * @param action  dotted name, e.g. {@code user.created}, {@code signin.failed}
 * @param target  what it happened to (a user id, a client id), or null
 * @param outcome success or failure
 * @param details short, secret-free context in key=value form
 */
public record AuditRecord(String action, String target, Outcome outcome, String details) {

    public enum Outcome { SUCCESS, FAILURE }

    public static AuditRecord success(String action, String target, String details) {
        return new AuditRecord(action, target, Outcome.SUCCESS, details);
    }

    public static AuditRecord failure(String action, String target, String details) {
        return new AuditRecord(action, target, Outcome.FAILURE, details);
    }
}
