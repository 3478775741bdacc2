#!/usr/bin/env bash
# The paper's comparison (U-Net against LoG*) redone on realistic simulated frames and on the real
# graphene frames (docs/benchmarks.md, "U-Net against LoG* on realistic and real frames").
# For every case: LoG* (`analyze`, the unsupervised recommendation, crystal mask auto, Gaussian
# refinement) and the shipped U-Net (`unet`, resampled to its training pixel size), both told the
# pixel size the frame carries, scored one-to-one at a third of the nearest-neighbour distance
# (`evaluate`) against the simulator's truth or, on real frames, AtomNet's predictions.
# Simulated frames: seeds 424242.. (never used in training or model selection), 512 x 512.
# Usage: docs/scripts/unet_vs_logstar.sh [OUT]   (default out/unet-vs-logstar; writes OUT/results.tsv)
# Env: STEMLOOP (default java -jar agent/target/stemloop.jar), REAL (default ../shared/data/real),
#      (REAL default: the first ../shared/data/real walking up from the checkout), SEEDS (default "424242 424243"), METHODS (default "log* unet"; a method whose detections.json
#      is already in OUT is scored again, not rerun)
set -euo pipefail
cd "$(dirname "$0")/../.."
stemloop=${STEMLOOP:-java -jar agent/target/stemloop.jar}
real=${REAL:-}
if [ -z "$real" ]; then  # the shared data beside the checkout, found by walking up as the tests do
  for up in .. ../.. ../../..; do [ -d "$up/shared/data/real" ] && { real="$up/shared/data/real"; break; }; done
fi
out=${1:-out/unet-vs-logstar}
seeds=${SEEDS:-424242 424243}
methods=${METHODS:-log* unet}
mkdir -p "$out"
tsv="$out/results.tsv"
printf 'case\tframe\tmethod\ttp\tfp\tfn\tf1\tseconds\n' > "$tsv"
score() { # truth detections -> "tp fp fn f1"
  $stemloop evaluate --truth "$1" --detections "$2" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin)["one_to_one"]; print("%d\t%d\t%d\t%.4f" % (d["tp"], d["fp"], d["fn"], d["f1"]))'
}
run_case() { # case frame.npy truth material pixel unet-model slug
  local name=$1 frame=$2 truth=$3 material=$4 px=$5 model=$6 dir="$out/runs/$7"
  local t0=$SECONDS
  if [[ " $methods " == *" log* "* ]]; then
    [ -f "$dir/logstar/detections.json" ] \
      || $stemloop analyze "$frame" --material "$material" --pixel-size "$px" --quiet --out "$dir/logstar" >/dev/null
    printf '%s\t%s\tlog*\t%s\t%d\n' "$name" "$frame" "$(score "$truth" "$dir/logstar/detections.json")" $((SECONDS - t0)) | tee -a "$tsv"
  fi
  t0=$SECONDS
  if [[ " $methods " == *" unet "* ]]; then
    [ -f "$dir/unet/detections.json" ] \
      || $stemloop unet "$frame" --model "$model" --pixel-size "$px" --out "$dir/unet" >/dev/null
    printf '%s\t%s\tunet\t%s\t%d\n' "$name" "$frame" "$(score "$truth" "$dir/unet/detections.json")" $((SECONDS - t0)) | tee -a "$tsv"
  fi
}
told() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["told_pixel_size_angstrom"])' "$1"; }
sim() { # name seed simulate-args... -> frame folder
  local name=$1 seed=$2; shift 2
  local d="$out/frames/$name-$seed"
  [ -f "$d/frame.npy" ] || $stemloop simulate "$@" --seed "$seed" --out "$d" >/dev/null
  echo "$d"
}
for seed in $seeds; do
  for dose in 10 50 500; do
    d=$(sim graphene-dose$dose "$seed" --preset haadf-nion-graphene --dose "$dose")
    run_case "realistic graphene, dose $dose" "$d/frame.npy" "$d/truth.json" graphene "$(told "$d/truth.json")" graphene "$(basename "$d")"
  done
  d=$(sim srtio3-haadf "$seed" --preset haadf-srtio3)
  run_case "realistic SrTiO3 HAADF, dose 300" "$d/frame.npy" "$d/truth.json" srtio3 "$(told "$d/truth.json")" srtio3 "$(basename "$d")"
  # out of distribution: annular bright field (dark columns), which the HAADF-trained U-Net never saw
  d=$(sim srtio3-abf "$seed" --preset abf-srtio3)
  run_case "OOD: realistic SrTiO3 ABF, dose 4000" "$d/frame.npy" "$d/truth.json" srtio3 "$(told "$d/truth.json")" srtio3 "$(basename "$d")"
  # out of distribution: 0.05 Å/px (bond 28 px) given to one member without a card, so not resampled
  d=$(sim graphene-0.05 "$seed" --preset haadf-nion-graphene --dose 50 --pixel-size 0.05)
  run_case "OOD: graphene at 0.05 Å/px, dose 50, U-Net not resampled" "$d/frame.npy" "$d/truth.json" graphene \
    "$(told "$d/truth.json")" agent/src/main/resources/models/unet-graphene-1.onnx "$(basename "$d")"
done
for spec in graphene_si_2nm:0.078 graphene_gb_4nm:0.078 graphene_gb_6nm:0.117; do
  name=${spec%%:*}; px=${spec##*:}
  run_case "real $name" "$real/$name.npy" "$real/$name.atomnet.json" graphene "$px" graphene "$name"
done
echo "wrote $tsv"
