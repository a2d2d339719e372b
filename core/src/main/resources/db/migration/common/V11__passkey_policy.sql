-- Whether a discoverable passkey that verifies the user (PIN or biometric) may sign in without
-- the password. It is phishing-resistant and two factors in one step, so it is allowed unless
-- the policy says otherwise.
ALTER TABLE mb_mfa_policy ADD COLUMN passkey_sign_in BOOLEAN DEFAULT TRUE NOT NULL;
