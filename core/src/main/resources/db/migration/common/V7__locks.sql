-- Named rows that nodes lock (SELECT ... FOR UPDATE) to run a one-at-a-time task, such as
-- applying the bootstrap file when several nodes start together.
CREATE TABLE mb_lock (
    name VARCHAR(100) PRIMARY KEY
);
INSERT INTO mb_lock (name) VALUES ('bootstrap');
