-- stemloop schema, version 7: a frame id is stored once per instrument, in whatever run it lands (issue 14).
-- A microscope that resends a frame it got no PUBACK for (docs/operations.md), a broker that redelivers
-- after a hand-over to a new agent process, a frame sent again a week later: each finds the row already
-- there, and the agent answers with the stored detections instead of storing the frame again.
-- The instrument is copied into the frame row so one unique index holds the rule (one index lookup per
-- frame; no window in time or count). Rows stored twice before this version (the same frame id in two
-- runs of one instrument) keep the first copy as the one that counts; the later copies keep a NULL
-- instrument, which the unique index lets through (H2 and PostgreSQL both allow several NULLs).

ALTER TABLE frames ADD COLUMN instrument VARCHAR(128);

UPDATE frames f SET instrument = (SELECT r.instrument FROM runs r WHERE r.run_id = f.run_id)
WHERE f.frame_pk = (SELECT MIN(g.frame_pk) FROM frames g JOIN runs s ON s.run_id = g.run_id
                    WHERE g.frame_id = f.frame_id
                      AND s.instrument = (SELECT r2.instrument FROM runs r2 WHERE r2.run_id = f.run_id));

CREATE UNIQUE INDEX frames_instrument_frame_unique ON frames (instrument, frame_id);
