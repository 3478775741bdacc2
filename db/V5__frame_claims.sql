-- stemloop schema, version 5: scale-out (issue 8). Several agents of one MQTT 5 share group take frames
-- from one stream into one database; the broker may hand a frame to a second member (it redelivers what a
-- member that died never acknowledged). The first member to claim a frame id stores it; a later claim of
-- the same (group, instrument, frame id) fails on the primary key and that member stores nothing.
-- Version 5, not 4: a parallel branch may add V4 (idempotent frames). H2 and PostgreSQL both accept this.

CREATE TABLE frame_claims (
    share_group  VARCHAR(64)  NOT NULL,
    instrument   VARCHAR(128) NOT NULL,
    frame_id     VARCHAR(256) NOT NULL,
    run_id       VARCHAR(64)  NOT NULL REFERENCES runs (run_id),
    agent        VARCHAR(128) NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT frame_claims_pk PRIMARY KEY (share_group, instrument, frame_id)
);

CREATE INDEX frame_claims_run ON frame_claims (run_id);
