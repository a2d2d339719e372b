-- Connectors (an HR system) that provision over SCIM. Only the SHA-256 of each 256-bit random
-- bearer token is stored; a token is found by its hash and checked for expiry and revocation.
CREATE TABLE mb_scim_client (
    id         UUID PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64)  NOT NULL,
    scopes     VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_scim_client_name UNIQUE (name),
    CONSTRAINT uq_scim_client_token UNIQUE (token_hash)
);
