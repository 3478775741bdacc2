#!/usr/bin/env bash
# Scores U-Net models the way docs/unet.md reports them: the three real graphene frames of the
# workplace against AtomNet's predictions (each at its stated pixel size), and simulate's frames at
# noise 0, 0.1, 0.2 (512 x 512, seeds 424242-424243, never used in training), one-to-one F1.
# Usage: trainer/evaluate-models.sh MODEL [MODEL...]   (shipped names or ONNX files; several = one ensemble)
# Env: STEMLOOP (command, default: java -jar agent/target/stemloop.jar), REAL (default ../shared/data/real),
#      MATERIAL (graphene or srtio3, default graphene), OUT (default out/unet-eval)
set -euo pipefail
cd "$(dirname "$0")/.."
stemloop=${STEMLOOP:-java -jar agent/target/stemloop.jar}
real=${REAL:-../shared/data/real}
material=${MATERIAL:-graphene}
out=${OUT:-out/unet-eval}
models=()
for m in "$@"; do models+=(--model "$m"); done
f1() { $stemloop evaluate --truth "$1" --detections "$2/detections.json" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin)["one_to_one"]; print("%d %d %d %.3f" % (d["tp"], d["fp"], d["fn"], d["f1"]))'; }
echo "image tp fp fn f1"
if [ "$material" = graphene ]; then
  for spec in graphene_si_2nm:0.078 graphene_gb_4nm:0.078 graphene_gb_6nm:0.117; do
    name=${spec%%:*}; px=${spec##*:}
    $stemloop unet "$real/$name.npy" "${models[@]}" --pixel-size "$px" --out "$out/$name" >/dev/null
    echo "$name $(f1 "$real/$name.atomnet.json" "$out/$name")"
  done
fi
for noise in 0.0 0.1 0.2; do
  for seed in 424242 424243; do
    sim="$out/sim-$material-$noise-$seed"
    [ -f "$sim/frame.npy" ] || $stemloop simulate --material "$material" --size 512 --noise "$noise" --seed "$seed" --out "$sim" >/dev/null
    px=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pixel_size_angstrom"])' "$sim/truth.json")
    $stemloop unet "$sim/frame.npy" "${models[@]}" --pixel-size "$px" --out "$sim/unet" >/dev/null
    echo "sim-$material-noise$noise-seed$seed $(f1 "$sim/truth.json" "$sim/unet")"
  done
done
