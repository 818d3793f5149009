import type { RawDataset } from '../../data/types.ts';
import { FakeWorker as BaseFakeWorker } from '../../worker/testing/fakeWorker.ts';
import type { ConfigSummary, FromTrainWorker } from '../../worker/trainProtocol.ts';
import { createLabStore } from '../createLabStore.ts';
import type { KeyValueBackend } from '../savedStorage.ts';
import { SavedSweepStorage } from '../savedSweeps.ts';
import { testLabDeps } from './testLabDeps.ts';

/** A fake worker that can end or fail the job it is on. */
export class FakeWorker extends BaseFakeWorker {
  say(data: FromTrainWorker) {
    this.emit('message', { data });
  }
  /** Ends the current job with a best validation accuracy that encodes its p and hidden size, so the test can check where it lands. */
  finish(outcome: ConfigSummary['outcome'] = 'finished') {
    const { runId, config } = this.current()!;
    const bestValAcc =
      outcome === 'diverged' ? NaN : Math.round(config.keepProb * 100) / 1000 + config.hiddenSize / 10_000;
    this.say({
      type: 'done',
      runId,
      configId: 'dropout',
      summary: {
        outcome,
        iterations: 10,
        finalTrainAcc: 0.99,
        finalValAcc: bestValAcc,
        bestValAcc,
        bestEpoch: 2,
        elapsedMs: 5,
        message: outcome === 'diverged' ? 'diverged at iteration 3' : null,
      },
    });
  }
  fail(message: string) {
    this.say({ type: 'error', runId: this.current()!.runId, configId: 'dropout', message });
  }
}

export const mnist = {
  kind: 'mnist',
  name: 'MNIST (test)',
  imageShape: [1, 1, 1],
  classNames: ['0'],
  train: { images: new Uint8Array(1), labels: new Uint8Array(1), count: 1 },
  test: null,
} as RawDataset;

/** A store with fake sweep workers; `backend`: where it keeps its sweeps (another store on it is a reload). */
export function lab(cores: number | null = 8, backend?: KeyValueBackend) {
  const workers: FakeWorker[] = [];
  const store = createLabStore(
    testLabDeps({
      createSweepWorker: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
      hardwareConcurrency: () => cores ?? undefined,
      ...(backend ? { savedSweepStorage: () => new SavedSweepStorage(backend) } : {}),
    }),
  );
  store.setState({
    settings: { ...store.getState().settings, dataset: 'mnist' },
    dataset: { ...store.getState().dataset, loaded: { mnist } },
  });
  const live = () => workers.filter((w) => !w.terminated);
  return { store, workers, live };
}
