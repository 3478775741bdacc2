#!/usr/bin/env bash
# Regenerates the shipped U-Nets (agent/src/main/resources/models/).
#   trainer/train-models.sh base       the issue-6 recipe: one model per material on the lattice
#                                      simulator (~47 min per model on 2 busy cores); srtio3 ships this
#   trainer/train-models.sh graphene   the shipped graphene ensemble (issue 16, second round): three
#                                      members fine-tuned on 70% realistic-simulator frames from the
#                                      issue-16 members (read from git, commit 9463e49), trained at
#                                      once, one PyTorch thread each (36 min on 2 busy cores)
# Same seeds, same data; PyTorch's kernels may still make the weights differ in the last bits.
# Extra TrainMain options after the first argument override these (e.g. --epochs 1).
# Then: choose on the validation set, score once on the test set (trainer/evaluate-models.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-base}; shift || true
mvn -B -ntp -q -DskipTests package
cp="trainer/target/classes:$(cat trainer/target/classpath.txt)"
train() { PYTORCH_FLAVOR=cpu OMP_NUM_THREADS=1 java -Dai.djl.offline=true -cp "$cp" org.stemloop.trainer.TrainMain "$@"; }
case "$what" in
  base)
    for material in graphene srtio3; do
      train --material "$material" --seed 1 --size 64 --batch 8 --epochs 6 --steps 25 --lr 0.003 \
        --eval-size 512 --eval-frames 2 --out agent/src/main/resources/models "$@"
    done ;;
  graphene)
    out=out/unet-graphene; mkdir -p "$out/init"
    for k in 1 2; do git show "9463e49:agent/src/main/resources/models/unet-graphene-$k.onnx" > "$out/init/unet-graphene-$k.onnx"; done
    common=(--material graphene --size 64 --batch 8 --steps 40 --lr 0.001 --realistic 0.7 --domain 0.5 --eval-size 512 --eval-frames 1)
    train "${common[@]}" --seed 31 --epochs 8 --clip-grad 1 --init "$out/init/unet-graphene-1.onnx" --out "$out/s31" "$@" > "$out/s31.log" 2>&1 &
    train "${common[@]}" --seed 32 --epochs 8 --init "$out/init/unet-graphene-2.onnx" --out "$out/s32" "$@" > "$out/s32.log" 2>&1 &
    train "${common[@]}" --seed 34 --epochs 6 --init "$out/init/unet-graphene-2.onnx" --out "$out/s34" "$@" > "$out/s34.log" 2>&1 &
    wait
    echo "members in $out/s31, s32, s34 (progress in $out/s*.log); validation:"
    java -Dai.djl.offline=true -cp "$cp" org.stemloop.trainer.EvalMain --set validation \
      --ensemble "$out/s31/unet-graphene.onnx,$out/s32/unet-graphene.onnx,$out/s34/unet-graphene.onnx" ;;
  *) echo "usage: trainer/train-models.sh base|graphene [TrainMain options]" >&2; exit 2 ;;
esac
