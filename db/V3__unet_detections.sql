-- stemloop schema, version 3: the U-Net's detections beside LoG*'s (issue 6).
-- A U-Net detection has no LoG parameter set: param_id becomes optional, the model that found the
-- atoms is recorded instead, and a frame holds at most one detection per method (the U-Net row is
-- written after the frame's own commit, once, also when the frame is redelivered).

ALTER TABLE detections ALTER COLUMN param_id DROP NOT NULL;
ALTER TABLE detections ADD COLUMN model VARCHAR(256);
ALTER TABLE detections ADD CONSTRAINT detections_params_or_model
    CHECK (param_id IS NOT NULL OR model IS NOT NULL);
ALTER TABLE detections ADD CONSTRAINT detections_frame_method_unique UNIQUE (frame_pk, method);
