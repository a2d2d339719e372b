package io.monban.core.audit;

/**
 * Who is acting and from which address. The web layer supplies it from the request; outside a
 * request (bootstrap, schedulers) the actor is {@code system}.
 */
public interface AuditActor {

    String name();

    String ip();

    AuditActor SYSTEM = new AuditActor() {
        @Override
        public String name() {
            return "system";
        }

        @Override
        public String ip() {
            return null;
        }
    };
}
