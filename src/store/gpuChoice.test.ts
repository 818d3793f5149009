import { describe, expect, it } from 'vitest';
import { createLabStore } from './createLabStore.ts';
import { testLabDeps } from './testing/testLabDeps.ts';

const withGpu = () => testLabDeps({ probeGpu: async () => ({ adapter: 'NVIDIA H100' }) });

describe('the GPU compute choice', () => {
  it('becomes the default where an adapter is found, unless the compute choice was already made', async () => {
    const store = createLabStore(withGpu());
    expect(store.getState().settings.kernels).toBe('exact');
    await store.getState().detectGpu();
    expect(store.getState().gpu).toEqual({ status: 'available', adapter: 'NVIDIA H100' });
    expect(store.getState().settings.kernels).toBe('gpu');

    const chosen = createLabStore(withGpu());
    expect(chosen.getState().setSetting('kernels', 'fast')).toBeNull();
    await chosen.getState().detectGpu();
    expect(chosen.getState().settings.kernels).toBe('fast');
  });

  it('without an adapter the GPU cannot be chosen, and a link that asks for it gets a message at Train', async () => {
    const store = createLabStore(testLabDeps());
    await store.getState().detectGpu();
    expect(store.getState().gpu).toEqual({ status: 'unavailable', reason: 'noApi', detail: '' });
    expect(store.getState().setSetting('kernels', 'gpu')?.text).toBe(
      'GPU (WebGPU) is not available here: this browser has no WebGPU. Choose Exact or Fast',
    );
    expect(store.getState().settings.kernels).toBe('exact');
    store.setState({ settings: { ...store.getState().settings, kernels: 'gpu' } });
    await store.getState().startRun();
    expect(store.getState().runError!.map((m) => m.code)).toEqual(['gpuUnavailable']);
    expect(store.getState().run).toBeNull();
  });

  it('the GPU path trains with Adam: another update rule is refused before Train', async () => {
    const store = createLabStore(withGpu());
    await store.getState().detectGpu();
    store.getState().setSetting('updateRule', 'sgd');
    await store.getState().startRun();
    expect(store.getState().runError!.map((m) => m.code)).toEqual(['gpuNeedsAdam']);
  });
});
