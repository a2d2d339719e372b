-- The directory grows the attributes an HR system provisions over SCIM 2.0 (RFC 7643 core and
-- enterprise user). Filters run as queries, so every attribute a connector looks users up by is
-- indexed: userName (uq_user_username), emails (ix_user_email_value), externalId, employeeNumber.
ALTER TABLE mb_user ADD COLUMN external_id VARCHAR(400);
ALTER TABLE mb_user ADD COLUMN formatted_name VARCHAR(400);
ALTER TABLE mb_user ADD COLUMN middle_name VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN honorific_prefix VARCHAR(50);
ALTER TABLE mb_user ADD COLUMN honorific_suffix VARCHAR(50);
ALTER TABLE mb_user ADD COLUMN nick_name VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN profile_url VARCHAR(1000);
ALTER TABLE mb_user ADD COLUMN title VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN user_type VARCHAR(100);
ALTER TABLE mb_user ADD COLUMN preferred_language VARCHAR(50);
ALTER TABLE mb_user ADD COLUMN timezone VARCHAR(64);
ALTER TABLE mb_user ADD COLUMN addresses VARCHAR(4000);
ALTER TABLE mb_user ADD COLUMN employee_number VARCHAR(100);
ALTER TABLE mb_user ADD COLUMN cost_center VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN organization VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN division VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN department VARCHAR(200);
ALTER TABLE mb_user ADD COLUMN manager_id UUID REFERENCES mb_user (id) ON DELETE SET NULL;
CREATE INDEX ix_user_external_id ON mb_user (external_id);
CREATE INDEX ix_user_employee_number ON mb_user (employee_number);
CREATE INDEX ix_user_manager ON mb_user (manager_id);
CREATE INDEX ix_user_created ON mb_user (created_at);
CREATE INDEX ix_user_updated ON mb_user (updated_at);

-- All of a user's addresses; the primary one is also mb_user.email (sign-in, claims).
CREATE TABLE mb_user_email (
    user_id     UUID         NOT NULL REFERENCES mb_user (id) ON DELETE CASCADE,
    ordinal     INT          NOT NULL,
    email_value VARCHAR(320) NOT NULL,
    value_key   VARCHAR(320) NOT NULL,
    email_type  VARCHAR(40),
    is_primary  BOOLEAN      NOT NULL,
    display     VARCHAR(400),
    PRIMARY KEY (user_id, ordinal)
);
CREATE INDEX ix_user_email_value ON mb_user_email (value_key);
INSERT INTO mb_user_email (user_id, ordinal, email_value, value_key, email_type, is_primary)
SELECT id, 0, email, email_key, 'work', TRUE FROM mb_user WHERE email IS NOT NULL;

CREATE TABLE mb_user_phone (
    user_id     UUID         NOT NULL REFERENCES mb_user (id) ON DELETE CASCADE,
    ordinal     INT          NOT NULL,
    phone_value VARCHAR(100) NOT NULL,
    phone_type  VARCHAR(40),
    is_primary  BOOLEAN      NOT NULL,
    PRIMARY KEY (user_id, ordinal)
);
CREATE INDEX ix_user_phone_value ON mb_user_phone (phone_value);

ALTER TABLE mb_group ADD COLUMN external_id VARCHAR(400);
ALTER TABLE mb_group ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE mb_group SET updated_at = created_at;
ALTER TABLE mb_group ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE mb_group ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX ix_group_external_id ON mb_group (external_id);
