#!/bin/bash
# Runs on a GPU machine that has no Node (see README.md beside this file): W on WebGPU (Dawn, the NVIDIA Vulkan
# driver) beside the CPU core and NumPy, in one bench run. Results and logs go to $OUT.
set -u
cd "$(dirname "$0")/.."
for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig
python3 - <<'PY'
import lzma, shutil, os
for src, dst in [('.devbench/node.xz', '/tmp/node'), ('.devbench/dawn.node.xz', '.devbench/nm/webgpu/dist/linux-x64/dawn.node')]:
    with lzma.open(src) as a, open(dst, 'wb') as b: shutil.copyfileobj(a, b)
os.chmod('/tmp/node', 0o755)
PY
mkdir -p node_modules/.cache ../shared
cp -r .devbench/nm/* node_modules/
rm -rf node_modules/.cache/dropout-lab-bench && cp -r .devbench/bench node_modules/.cache/dropout-lab-bench
cp -r .devbench/shared/* ../shared/
nproc; lscpu | grep -E 'Model name'; nvidia-smi -L
icd=$(ls /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd*.json /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json 2>/dev/null | head -1)
[ -n "$icd" ] && export VK_ICD_FILENAMES=$icd VK_DRIVER_FILES=$icd
cp .devbench/probe.mjs node_modules/.cache/probe.mjs
if ! /tmp/node node_modules/.cache/probe.mjs; then
  echo "--- no adapter: the Vulkan loader's view"; VK_LOADER_DEBUG=error,warn,driver /tmp/node node_modules/.cache/probe.mjs 2>&1 | head -40
  exit 3
fi
B=node_modules/.cache/dropout-lab-bench/main.js
echo "=== the GPU step's plan for W (dispatches, workgroups, bytes per step)"
/tmp/node $B --gpu-plan > "$OUT/plan.txt" 2>&1; grep -E '^(GPU training step|Products:)' "$OUT/plan.txt"
echo "=== W, ${REPS:-3} repetitions"
timeout 200 /tmp/node $B --gpu --no-browser --no-scaling --reps "${REPS:-3}" --json="$OUT/w.json" 2>&1 | tee "$OUT/w.log"
if [ -z "${SKIP_WIDE:-}" ]; then
  echo "=== wide: hidden 1000, 2000 training examples (generated), 1 repetition, no Node CPU"
  timeout 150 /tmp/node $B --gpu --no-browser --no-scaling --no-node --reps 1 --hidden 1000 --num-train 2000 --json="$OUT/wide.json" 2>&1 | tee "$OUT/wide.log"
fi
