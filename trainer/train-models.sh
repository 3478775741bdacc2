#!/usr/bin/env bash
# Regenerates the shipped U-Nets (agent/src/main/resources/models/): trains one model per material
# on simulated frames, exports ONNX, scores it on held-out frames and writes its model card.
# The settings below are those of the shipped models (~47 min per model on 2 busy cores; the two
# materials can run at once). Same seeds, same data; PyTorch's multi-threaded kernels may still
# make the weights differ in the last bits.
# Usage: trainer/train-models.sh [extra TrainMain options, which override these, e.g. --epochs 1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests package
cp="trainer/target/classes:$(cat trainer/target/classpath.txt)"
dest=agent/src/main/resources/models
for material in graphene srtio3; do
  PYTORCH_FLAVOR=cpu java -Dai.djl.offline=true -cp "$cp" org.stemloop.trainer.TrainMain \
    --material "$material" --seed 1 --size 64 --batch 8 --epochs 6 --steps 25 --lr 0.003 \
    --eval-size 512 --eval-frames 2 --out "$dest" "$@"
done
