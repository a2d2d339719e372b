-- TOTP second factor (RFC 6238). The secret is stored only encrypted (core.crypto envelope);
-- last_used_step refuses a code, or an earlier one, a second time.
CREATE TABLE mb_totp_credential (
    user_id        UUID PRIMARY KEY REFERENCES mb_user (id) ON DELETE CASCADE,
    secret_enc     VARCHAR(1000) NOT NULL,
    confirmed      BOOLEAN       NOT NULL,
    last_used_step BIGINT        NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
