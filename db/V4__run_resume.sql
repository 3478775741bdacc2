-- stemloop schema, version 4: a run survives an agent crash (issue 8).
-- The persistent MQTT session hangs on the client id, so the run does too: an agent that starts with
-- the client id of a run that never ended (a crash, kill -9) resumes that run instead of starting one,
-- and the broker's redeliveries land in the run that already holds the frames (one row per frame id).
-- state_json is the run state (mode, paused, lattice, parameters, the last Pareto front), written in
-- the same transaction as every frame and every decision, so it never lags what the database holds.

ALTER TABLE runs ADD COLUMN client_id VARCHAR(128);
ALTER TABLE runs ADD COLUMN state_json TEXT;
CREATE INDEX runs_resume ON runs (instrument, client_id, ended_at);
