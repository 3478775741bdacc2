#!/usr/bin/env bash
# Regenerates the shipped U-Nets (agent/src/main/resources/models/): trains one model per material
# on simulated frames, exports ONNX, scores it on held-out frames and writes its model card.
# Usage: trainer/train-models.sh [extra TrainMain options, e.g. --epochs 2 for a quick try]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests package
cp="trainer/target/classes:$(cat trainer/target/classpath.txt)"
dest=agent/src/main/resources/models
for material in graphene srtio3; do
  PYTORCH_FLAVOR=cpu java -Dai.djl.offline=true -cp "$cp" org.stemloop.trainer.TrainMain \
    --material "$material" --seed 1 --out "$dest" "$@"
done
