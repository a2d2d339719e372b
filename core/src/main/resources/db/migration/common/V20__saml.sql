-- SAML 2.0 identity provider: service providers, the SAML sessions of each sign-in session,
-- and the replay cache of request ids (shared by all nodes).

CREATE TABLE mb_saml_sp (
    id                        UUID PRIMARY KEY,
    entity_id                 VARCHAR(1024) NOT NULL,
    name                      VARCHAR(200),
    metadata_xml              VARCHAR(1000000),
    signing_certificates      VARCHAR(100000),
    encryption_certificates   VARCHAR(100000),
    authn_requests_signed     BOOLEAN NOT NULL,
    want_assertions_signed    BOOLEAN NOT NULL,
    sign_response             BOOLEAN NOT NULL,
    sign_assertion            BOOLEAN NOT NULL,
    encrypt_assertions        BOOLEAN NOT NULL,
    name_id_format            VARCHAR(200) NOT NULL,
    require_mfa               BOOLEAN NOT NULL,
    data_encryption_algorithm VARCHAR(200),
    key_transport_algorithm   VARCHAR(200),
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    version                   BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT uq_saml_sp_entity UNIQUE (entity_id)
);

CREATE TABLE mb_saml_sp_endpoint (
    sp_id             UUID NOT NULL REFERENCES mb_saml_sp (id) ON DELETE CASCADE,
    pos               INT NOT NULL,
    kind              VARCHAR(10) NOT NULL,
    binding           VARCHAR(200) NOT NULL,
    location          VARCHAR(2000) NOT NULL,
    response_location VARCHAR(2000),
    idx               INT,
    is_default        BOOLEAN NOT NULL,
    PRIMARY KEY (sp_id, pos)
);

CREATE TABLE mb_saml_sp_attribute (
    sp_id       UUID NOT NULL REFERENCES mb_saml_sp (id) ON DELETE CASCADE,
    pos         INT NOT NULL,
    source      VARCHAR(50) NOT NULL,
    name        VARCHAR(400) NOT NULL,
    name_format VARCHAR(200) NOT NULL,
    PRIMARY KEY (sp_id, pos)
);

-- Which SPs received an assertion in which sign-in session: single logout notifies them, and a
-- leaver's rows are dropped. session_index is a random value kept in the sign-in session (it
-- survives the session id changes of sign-in and step-up).
CREATE TABLE mb_saml_session (
    session_index  VARCHAR(64)   NOT NULL,
    sp_entity_id   VARCHAR(1024) NOT NULL,
    user_id        UUID          NOT NULL REFERENCES mb_user (id) ON DELETE CASCADE,
    name_id        VARCHAR(400)  NOT NULL,
    name_id_format VARCHAR(200)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_index, sp_entity_id)
);
CREATE INDEX ix_saml_session_user ON mb_saml_session (user_id);

-- Request ids seen (hashed with their issuer), kept until they could no longer be accepted anyway.
CREATE TABLE mb_saml_request_id (
    id_hash    VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_saml_request_id_expiry ON mb_saml_request_id (expires_at);

-- The key of pairwise persistent NameIDs, sealed with the master key: stable across restarts
-- and nodes, so an SP's NameID for a user never changes.
CREATE TABLE mb_saml_secret (
    name       VARCHAR(50) PRIMARY KEY,
    secret_enc VARCHAR(1000) NOT NULL
);

-- Single logout in progress: the LogoutRequest Monban sent to one SP (its ID, which the SP's
-- LogoutResponse names in InResponseTo) and what remains to do after it.
CREATE TABLE mb_saml_logout (
    request_id VARCHAR(64)     PRIMARY KEY,
    state      VARCHAR(100000) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
