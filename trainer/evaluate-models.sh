#!/usr/bin/env bash
# Scores U-Net models the way docs/unet.md reports them, with the command line a user has:
# the three real graphene frames of the workplace against AtomNet's predictions (each at its stated
# pixel size), simulate's lattice frames at noise 0, 0.1, 0.2 and the realistic simulator's Nion
# graphene preset at dose 10 and 50 (512 x 512, seeds 424242-424243, never used in training or in
# choosing models: the TEST set), one-to-one F1.
# Choose models on the validation set instead (simulated only, seeds 610001..):
#   java -cp "trainer/target/classes:$(cat trainer/target/classpath.txt)" org.stemloop.trainer.EvalMain --set validation --ensemble A.onnx,B.onnx,C.onnx
# Usage: trainer/evaluate-models.sh MODEL [MODEL...]   (shipped names or ONNX files; several = one ensemble)
# Env: STEMLOOP (command, default: java -jar agent/target/stemloop.jar), REAL (default: the first
#      ../shared/data/real walking up), MATERIAL (graphene or srtio3, default graphene), OUT (default out/unet-eval)
set -euo pipefail
cd "$(dirname "$0")/.."
stemloop=${STEMLOOP:-java -jar agent/target/stemloop.jar}
real=${REAL:-}
if [ -z "$real" ]; then  # the shared data beside the checkout, found by walking up as the tests do
  for up in .. ../.. ../../..; do [ -d "$up/shared/data/real" ] && { real="$up/shared/data/real"; break; }; done
fi
material=${MATERIAL:-graphene}
out=${OUT:-out/unet-eval}
models=()
for m in "$@"; do models+=(--model "$m"); done
f1() { $stemloop evaluate --truth "$1" --detections "$2/detections.json" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin)["one_to_one"]; print("%d %d %d %.3f" % (d["tp"], d["fp"], d["fn"], d["f1"]))'; }
told() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("told_pixel_size_angstrom", d["pixel_size_angstrom"]))' "$1"; }
echo "image tp fp fn f1"
if [ "$material" = graphene ]; then
  for spec in graphene_si_2nm:0.078 graphene_gb_4nm:0.078 graphene_gb_6nm:0.117; do
    name=${spec%%:*}; px=${spec##*:}
    $stemloop unet "$real/$name.npy" "${models[@]}" --pixel-size "$px" --out "$out/$name" >/dev/null
    echo "$name $(f1 "$real/$name.atomnet.json" "$out/$name")"
  done
fi
preset=$([ "$material" = graphene ] && echo haadf-nion-graphene || echo haadf-srtio3)
for seed in 424242 424243; do
  for noise in 0.0 0.1 0.2; do
    sim="$out/sim-$material-$noise-$seed"
    [ -f "$sim/frame.npy" ] || $stemloop simulate --material "$material" --size 512 --noise "$noise" --seed "$seed" --out "$sim" >/dev/null
    $stemloop unet "$sim/frame.npy" "${models[@]}" --pixel-size "$(told "$sim/truth.json")" --out "$sim/unet" >/dev/null
    echo "sim-$material-noise$noise-seed$seed $(f1 "$sim/truth.json" "$sim/unet")"
  done
  for dose in 10 50; do
    sim="$out/realistic-$preset-$dose-$seed"
    [ -f "$sim/frame.npy" ] || $stemloop simulate --preset "$preset" --dose "$dose" --size 512 --seed "$seed" --out "$sim" >/dev/null
    $stemloop unet "$sim/frame.npy" "${models[@]}" --pixel-size "$(told "$sim/truth.json")" --out "$sim/unet" >/dev/null
    echo "realistic-$preset-dose$dose-seed$seed $(f1 "$sim/truth.json" "$sim/unet")"
  done
done
