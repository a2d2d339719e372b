-- Held by a node for the whole of its start-up work (first signing keys, bootstrap file), so that
-- nodes starting together on one database do it one after the other.
INSERT INTO mb_lock (name) VALUES ('start-up');
