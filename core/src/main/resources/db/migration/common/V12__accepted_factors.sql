-- Which kinds of second factor satisfy the policy (space-separated SecondFactorKind names).
ALTER TABLE mb_mfa_policy ADD COLUMN accepted_factors VARCHAR(100) DEFAULT 'TOTP WEBAUTHN' NOT NULL;
