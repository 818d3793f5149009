#!/bin/bash
# Packs what `npm run bench -- --gpu` needs onto a GPU machine with no Node and no network (the `device` tool of this
# workplace): a Node binary and Dawn's dawn.node (xz), the bench's bundle with the two packages it loads, the shared
# data and NumPy script, and the Vulkan/GL loader packages. Both folders are ignored by git and carried by the tool.
set -eu
cd "$(dirname "$0")/../../.."
grep -qxF '/.devbench/' .git/info/exclude 2>/dev/null || printf '/.devbench/\n/.gl/\n' >> .git/info/exclude
npx vite build --config src/bench/vite.config.ts --logLevel warn
rm -rf .devbench && mkdir -p .devbench/nm/webgpu/dist/linux-x64 .devbench/shared/bench .devbench/shared/data/cifar10
cp node_modules/webgpu/index.js node_modules/webgpu/package.json .devbench/nm/webgpu/
cp -r node_modules/seedrandom .devbench/nm/
cp -r node_modules/.cache/dropout-lab-bench .devbench/bench
cp ../shared/bench/numpy_reference.py .devbench/shared/bench/
cp ../shared/data/cifar10/*.bin .devbench/shared/data/cifar10/
xz -T2 -6 -c "$(readlink -f "$(command -v node)")" > .devbench/node.xz
xz -T2 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > .devbench/dawn.node.xz
cp src/bench/gpuMachine/run.sh src/bench/gpuMachine/probe.mjs .devbench/
mkdir -p .gl && (cd .gl && for p in libvulkan1 libglvnd0 libegl1 libopengl0 libgl1 libglx0 libgles2; do ls ${p}_*.deb >/dev/null 2>&1 || apt-get download -q "$p"; done)
du -sh .devbench .gl
echo 'Now: the device tool`s run with command "bash .devbench/run.sh 2>&1", carry [".gl", ".devbench"], timeout_s 420.'
