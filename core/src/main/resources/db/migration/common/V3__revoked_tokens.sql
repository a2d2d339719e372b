-- Client-credentials access tokens are self-contained and not stored; revoking one records its
-- id here until it would have expired anyway.
CREATE TABLE mb_revoked_token (
    jti        VARCHAR(100) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_revoked_token_expiry ON mb_revoked_token (expires_at);
