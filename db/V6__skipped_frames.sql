-- stemloop schema, version 6: frames skipped by the "newest" frame policy (issue 8, backpressure).
-- A skipped frame is acknowledged and kept as a row like any other (id, size, arrival), with no
-- detections, so that no frame ever vanishes silently. Existing rows were all analysed (or paused).
-- H2 and PostgreSQL both accept this form.

ALTER TABLE frames ADD COLUMN skipped BOOLEAN DEFAULT FALSE NOT NULL;
