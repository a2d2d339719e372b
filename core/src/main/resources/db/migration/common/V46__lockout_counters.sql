-- Sign-in limits as atomic counters (core.policy.SignInLockout): an attempt is reserved by a
-- guarded UPDATE before the password or code is checked. The kind is a column of its own, so no
-- typed login name can ever name an account, a second factor or an address counter.
DROP TABLE mb_signin_attempt;

CREATE TABLE mb_lockout_counter (
    kind              VARCHAR(20)  NOT NULL,
    subject           VARCHAR(300) NOT NULL,
    attempts          INT          NOT NULL,
    window_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (kind, subject)
);
