-- "Remember this browser": days a browser that passed the second factor may skip it (0: off).
ALTER TABLE mb_mfa_policy ADD COLUMN remember_browser_days INT DEFAULT 0 NOT NULL;

-- Browsers remembered per user: only the hash of the random cookie value is stored, so a
-- database reader cannot forge one, and deleting the rows forgets them (e.g. for a leaver).
CREATE TABLE mb_remembered_browser (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES mb_user (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_remembered_browser_user ON mb_remembered_browser (user_id);
