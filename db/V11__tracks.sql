-- stemloop schema, version 11: tracking across frames (issue 20). Per frame the drift from the previous frame
-- and accumulated since the first of its series; per frame and tracked thing (every atom, every dopant) its track
-- id and position. A series restarts when the frame size changes or the agent restarts; track ids go on growing
-- within a run, so an id names one track of the run. A redelivered frame is stored once (primary keys).

CREATE TABLE track_frames (
    run_id       VARCHAR(64)  NOT NULL REFERENCES runs (run_id),
    frame_id     VARCHAR(256) NOT NULL,
    seq          INTEGER      NOT NULL,
    series       INTEGER      NOT NULL,
    step_row     DOUBLE PRECISION NOT NULL,
    step_col     DOUBLE PRECISION NOT NULL,
    drift_row    DOUBLE PRECISION NOT NULL,
    drift_col    DOUBLE PRECISION NOT NULL,
    peak         DOUBLE PRECISION NOT NULL,
    atoms        INTEGER      NOT NULL,
    dopants      INTEGER      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, frame_id)
);

CREATE TABLE track_points (
    run_id    VARCHAR(64)  NOT NULL REFERENCES runs (run_id),
    frame_id  VARCHAR(256) NOT NULL,
    kind      VARCHAR(16)  NOT NULL,
    track_id  INTEGER      NOT NULL,
    seq       INTEGER      NOT NULL,
    row_px    DOUBLE PRECISION NOT NULL,
    col_px    DOUBLE PRECISION NOT NULL,
    moved_px  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, frame_id, kind, track_id)
);

CREATE INDEX track_points_run ON track_points (run_id, kind, seq);
