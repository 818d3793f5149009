import { describe, expect, it } from 'vitest';
import type { CheckRequestBody, CheckResponse } from '../worker/checkProtocol.ts';
import { dropoutBackwardCheck, dropoutForwardCheck, netGradientCheck } from '../core/notebookChecks.ts';
import { createLabStore } from './createLabStore.ts';
import { idleRunHandle, testLabDeps } from './testing/testLabDeps.ts';
import type { RawDataset } from '../data/types.ts';

const mnist = {
  kind: 'mnist',
  name: 'MNIST (test)',
  imageShape: [1, 1, 1],
  classNames: ['0'],
  train: { images: new Uint8Array(1), labels: new Uint8Array(1), count: 1 },
  test: null,
} as RawDataset;

describe('Run all', () => {
  it('runs the three checks one after another, then trains', async () => {
    const order: string[] = [];
    let id = 0;
    const store = createLabStore(
      testLabDeps({
        checkClient: () => ({
          run: async (request: CheckRequestBody): Promise<CheckResponse> => {
            order.push(`check:${request.type}`);
            // The real computations, answered at once (as the check worker answers).
            const requestId = ++id;
            if (request.type === 'forward')
              return {
                type: 'forward',
                requestId,
                scaling: request.scaling,
                rows: dropoutForwardCheck({ scaling: request.scaling }),
              };
            if (request.type === 'backward') return { type: 'backward', requestId, result: dropoutBackwardCheck() };
            return { type: 'net', requestId, rows: netGradientCheck() };
          },
          dispose() {},
        }),
        startTrainingRun: () => {
          order.push('train');
          return idleRunHandle();
        },
      }),
    );
    store.setState({
      settings: { ...store.getState().settings, dataset: 'mnist' },
      dataset: { ...store.getState().dataset, loaded: { mnist } },
    });
    await store.getState().runAll();
    expect(order).toEqual(['check:forward', 'check:backward', 'check:net', 'train']);
    const s = store.getState();
    expect([s.forwardCell.status, s.backwardCell.status, s.netCell.status]).toEqual(['done', 'done', 'done']);
    expect(s.run?.status).toBe('training');
  });
});
