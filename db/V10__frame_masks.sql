-- stemloop schema, version 10: the crystal mask each analysed frame's LoG* atoms were counted on (issue 15).
-- One row per stored frame that had a mask (none without a lattice to size it), written in the frame's own
-- transaction. The grid is the one the detections message carries: grid_rows strings of grid_cols
-- characters, '1' crystal, '0' masked, cells of cell_px pixels from the top-left, rows joined by '/'.
-- refinement: how the stored atoms' rows and columns were refined (gauss, com, none).
-- H2 and PostgreSQL both accept this form.

CREATE TABLE frame_masks (
    frame_pk         BIGINT       PRIMARY KEY REFERENCES frames (frame_pk),
    masked_fraction  DOUBLE PRECISION NOT NULL,
    cell_px          INTEGER      NOT NULL,
    grid_rows        INTEGER      NOT NULL,
    grid_cols        INTEGER      NOT NULL,
    grid             TEXT         NOT NULL,
    refinement       VARCHAR(16)
);
