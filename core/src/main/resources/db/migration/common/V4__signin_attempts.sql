-- Failed sign-ins per login name and per client address, for the lockout (core.policy).
CREATE TABLE mb_signin_attempt (
    attempt_key       VARCHAR(300) PRIMARY KEY,
    failures          INT          NOT NULL,
    window_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until      TIMESTAMP WITH TIME ZONE
);
