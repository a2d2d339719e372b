-- Protocol-neutral applications: who may use each one (assignment) and what signing in to it
-- needs. How to talk to it stays in the OIDC client store and the SAML SP registry; an OIDC or
-- SAML party without a row here is open to everyone, as before applications existed.

CREATE TABLE mb_application (
    id                       UUID PRIMARY KEY,
    protocol                 VARCHAR(10)   NOT NULL,
    protocol_ref             VARCHAR(1024) NOT NULL,
    name                     VARCHAR(200),
    enabled                  BOOLEAN       NOT NULL,
    assigned_only            BOOLEAN       NOT NULL,
    launch_url               VARCHAR(2000),
    second_factor_required   BOOLEAN       NOT NULL,
    allowed_networks         VARCHAR(2000),
    trusted_device_required  BOOLEAN       NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    version                  BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT uq_application_ref UNIQUE (protocol, protocol_ref)
);

-- A user (kind USER) or a group whose members (kind GROUP) may use an assigned-only application.
-- No foreign key to mb_user/mb_group (one column for both); a deleted user or group simply no
-- longer matches anyone.
CREATE TABLE mb_application_assignee (
    application_id UUID        NOT NULL REFERENCES mb_application (id) ON DELETE CASCADE,
    kind           VARCHAR(10) NOT NULL,
    principal_id   UUID        NOT NULL,
    PRIMARY KEY (application_id, kind, principal_id)
);
CREATE INDEX ix_application_assignee_principal ON mb_application_assignee (principal_id);
