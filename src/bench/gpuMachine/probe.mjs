// Is there a WebGPU adapter through Dawn here, and which? (run.sh, before the bench)
import { create } from 'webgpu';

const gpu = create([]);
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  console.log('PROBE: no adapter');
  process.exit(3);
}
const { vendor, architecture, device, description } = adapter.info;
console.log(
  'PROBE:',
  vendor,
  architecture,
  device,
  description,
  'maxStorageBufferBindingSize',
  adapter.limits.maxStorageBufferBindingSize,
);
process.exit(0);
