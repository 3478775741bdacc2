-- stemloop schema, version 8: the loop with the microscope (issue 20).
-- Points of interest of each analysed frame, and the acquisition requests made of them (beam positions
-- with dwell times), each request once by its id: a redelivered frame or approval does not make another.
-- H2 and PostgreSQL both accept this form.

CREATE TABLE poi (
    run_id       VARCHAR(64)  NOT NULL REFERENCES runs (run_id),
    frame_id     VARCHAR(256) NOT NULL,
    poi_id       VARCHAR(32)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    row_px       DOUBLE PRECISION NOT NULL,
    col_px       DOUBLE PRECISION NOT NULL,
    x_angstrom   DOUBLE PRECISION,
    y_angstrom   DOUBLE PRECISION,
    score        DOUBLE PRECISION NOT NULL,
    reason       VARCHAR(256) NOT NULL,
    PRIMARY KEY (run_id, frame_id, poi_id)
);

-- state: pending (waits for an operator), sent (published on acquire), rejected.
CREATE TABLE acquisitions (
    request_id      VARCHAR(64)  PRIMARY KEY,
    run_id          VARCHAR(64)  NOT NULL REFERENCES runs (run_id),
    frame_id        VARCHAR(256) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    dwell_ms        DOUBLE PRECISION NOT NULL,
    positions_json  TEXT         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX acquisitions_run ON acquisitions (run_id);
