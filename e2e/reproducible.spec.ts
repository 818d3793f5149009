import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { buildMnistBinaryFromPackage } from '../src/build/mnistBuild.ts';
import { installFastKernels } from '../src/core/kernels/index.ts';
import { cifarSampleUrl, type CifarSamplePart } from '../src/data/cifarSample.ts';
import { parseCifarSample } from '../src/data/loadCifarSample.ts';
import { parseMnistBinary } from '../src/data/mnist.ts';
import type { RawDataset } from '../src/data/types.ts';
import { runTrainConfigs } from '../src/store/runState.ts';
import { settingsFromSearch } from '../src/store/urlState.ts';
import type { FromTrainWorker } from '../src/worker/trainProtocol.ts';
import { browserHistories, type History } from './histories.ts';
import { TrainingSession } from '../src/worker/trainingSession.ts';

/** The default dataset (the built-in CIFAR-10 sample) and the built-in MNIST. */
const LINKS = [
  '?epochs=2&seed=11&p=0.4&hidden=200&kernels=exact',
  '?epochs=2&seed=11&p=0.4&hidden=200&kernels=exact&dataset=mnist',
];

async function builtInDataset(link: string): Promise<RawDataset> {
  const { settings } = settingsFromSearch(link);
  if (settings.dataset === 'mnist') return parseMnistBinary(buildMnistBinaryFromPackage());
  expect(settings.dataset).toBe('cifar-sample');
  const read = async (part: CifarSamplePart) =>
    new Uint8Array(await readFile(new URL(`../public/${cifarSampleUrl(part)}`, import.meta.url)));
  return parseCifarSample({ train: await read('train'), test: await read('test') });
}

/** The same run in Node, on the core and the same training session code the workers use. */
async function nodeHistories(link: string): Promise<History[]> {
  const { settings } = settingsFromSearch(link);
  expect(await installFastKernels({ relaxed: false })).toBe('wasm-simd');
  const dataset = await builtInDataset(link);
  const histories: History[] = [];
  for (const { configId, config } of runTrainConfigs(settings)) {
    const messages: FromTrainWorker[] = [];
    const session = new TrainingSession({ type: 'start', runId: 'node', configId, config, dataset }, (m) =>
      messages.push(m),
    );
    await session.run();
    histories.push({
      configId,
      lossHistory: messages.flatMap((m) => (m.type === 'progress' ? Array.from(m.losses) : [])),
      checks: messages.flatMap((m) => (m.type === 'check' ? [m.check] : [])),
    });
  }
  return histories;
}

for (const link of LINKS)
  test(`the same link gives bit-identical histories in the browser and in Node: ${link}`, async ({ page }) => {
    const inBrowser = await browserHistories(page, `/${link}`);
    const inNode = await nodeHistories(link);
    expect(inBrowser.map((h) => [h.configId, h.lossHistory.length, h.checks.length])).toEqual([
      ['baseline', 10, 3],
      ['dropout', 10, 3],
    ]);
    expect(inNode).toEqual(inBrowser);
  });
