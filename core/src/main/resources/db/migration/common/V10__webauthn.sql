-- WebAuthn authenticators (security keys and passkeys). The public key is the COSE key as base64;
-- sign_count is the highest counter seen, so a counter that goes backwards is noticed
-- (cloned_at then records that the credential is refused from now on).
CREATE TABLE mb_webauthn_credential (
    id             UUID PRIMARY KEY,
    user_id        UUID          NOT NULL REFERENCES mb_user (id) ON DELETE CASCADE,
    credential_id  VARCHAR(1400) NOT NULL,
    public_key     VARCHAR(4000) NOT NULL,
    aaguid         VARCHAR(36)   NOT NULL,
    sign_count     BIGINT        NOT NULL,
    uv_initialized BOOLEAN       NOT NULL,
    backup_eligible BOOLEAN      NOT NULL,
    discoverable   BOOLEAN       NOT NULL,
    transports     VARCHAR(200)  NOT NULL,
    label          VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    cloned_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_webauthn_credential_id UNIQUE (credential_id)
);
CREATE INDEX ix_webauthn_credential_user ON mb_webauthn_credential (user_id);
