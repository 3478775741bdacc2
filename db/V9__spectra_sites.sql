-- stemloop schema, version 9: spectra from the microscope, linked to the request and the atom they were
-- taken on, with the site they confirm (issue 20). One row per spectrum id (request id and position):
-- a spectrum delivered twice is stored once.

CREATE TABLE spectra (
    spectrum_id       VARCHAR(128) PRIMARY KEY,
    request_id        VARCHAR(64)  NOT NULL REFERENCES acquisitions (request_id),
    poi_id            VARCHAR(32)  NOT NULL,
    run_id            VARCHAR(64)  NOT NULL REFERENCES runs (run_id),
    frame_id          VARCHAR(256) NOT NULL,
    row_px            DOUBLE PRECISION NOT NULL,
    col_px            DOUBLE PRECISION NOT NULL,
    dwell_ms          DOUBLE PRECISION NOT NULL,
    offset_ev         DOUBLE PRECISION NOT NULL,
    step_ev           DOUBLE PRECISION NOT NULL,
    counts_json       TEXT         NOT NULL,
    element           VARCHAR(16)  NOT NULL,
    si_snr            DOUBLE PRECISION NOT NULL,
    c_snr             DOUBLE PRECISION NOT NULL,
    atom_index        INTEGER,
    atom_distance_px  DOUBLE PRECISION,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX spectra_run ON spectra (run_id);
