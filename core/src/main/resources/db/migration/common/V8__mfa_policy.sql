-- Who must use a second factor (administrators always do, whatever this says); one row.
CREATE TABLE mb_mfa_policy (
    id                       INT PRIMARY KEY,
    required_for_everyone    BOOLEAN       NOT NULL,
    required_groups          VARCHAR(4000) NOT NULL,
    required_roles           VARCHAR(4000) NOT NULL,
    step_up_lifetime_seconds INT           NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO mb_mfa_policy VALUES (1, FALSE, '', '', 900, CURRENT_TIMESTAMP);
