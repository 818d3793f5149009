import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.ts';
import { loadCifarFiles } from './loadCifar.ts';
import { buildTar } from './tarWriter.ts';
import { fileSource, gzipBytes, makeRecords } from './testing/byteFixtures.ts';
import { DatasetError } from './types.ts';

/**
 * Random mutations of a valid small archive (truncations, bit flips, inserted
 * and deleted bytes) must each end in a dataset or a clean DatasetError within
 * a time bound: no hang, no crash, no other exception. The seed is printed so a
 * failure reproduces: FUZZ_SEED=<seed> npx vitest run src/data/readerFuzz.test.ts
 */
const SEED = process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000);
const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const PER_CASE_MS = 5_000;

type Mutation = 'truncate' | 'flip' | 'insert' | 'delete' | 'overwrite';
const MUTATIONS: Mutation[] = ['truncate', 'flip', 'insert', 'delete', 'overwrite'];

function mutate(bytes: Uint8Array, rng: ReturnType<typeof createRng>): { bytes: Uint8Array; what: string } {
  const kind = MUTATIONS[rng.randint(MUTATIONS.length)];
  const at = rng.randint(bytes.length);
  switch (kind) {
    case 'truncate':
      return { bytes: bytes.slice(0, at), what: `truncate at ${at}` };
    case 'flip': {
      const out = bytes.slice();
      const flips = 1 + rng.randint(8);
      for (let i = 0; i < flips; i++) out[rng.randint(out.length)] ^= 1 << rng.randint(8);
      return { bytes: out, what: `${flips} bit flips` };
    }
    case 'insert': {
      const extra = Uint8Array.from({ length: 1 + rng.randint(600) }, () => rng.randint(256));
      const out = new Uint8Array(bytes.length + extra.length);
      out.set(bytes.subarray(0, at));
      out.set(extra, at);
      out.set(bytes.subarray(at), at + extra.length);
      return { bytes: out, what: `insert ${extra.length} bytes at ${at}` };
    }
    case 'delete': {
      const n = 1 + rng.randint(600);
      const out = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + n)]);
      return { bytes: out, what: `delete ${n} bytes at ${at}` };
    }
    case 'overwrite': {
      const out = bytes.slice();
      const n = 1 + rng.randint(64);
      for (let i = 0; i < n && at + i < out.length; i++) out[at + i] = rng.randint(256);
      return { bytes: out, what: `overwrite ${n} bytes at ${at}` };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

describe('fuzzing the CIFAR-10 tar.gz / .bin reader', () => {
  it(`${CASES} mutations each end in a result or a clean error (seed ${SEED})`, async () => {
    console.info(`reader fuzz seed: ${SEED} (FUZZ_SEED=${SEED} reproduces)`);
    const rng = createRng(`fuzz:${SEED}`);
    const batch = makeRecords([3, 1, 4, 1, 5, 9, 2, 6]);
    const test = makeRecords([2, 7, 1, 8]);
    const tar = buildTar([
      { name: 'cifar-10-batches-bin/', type: '5' },
      { name: 'cifar-10-batches-bin/data_batch_1.bin', data: batch },
      { name: 'cifar-10-batches-bin/test_batch.bin', data: test },
      { name: 'cifar-10-batches-bin/batches.meta.txt', data: new TextEncoder().encode('airplane\nautomobile\n') },
    ]);
    const archive = await gzipBytes(tar);
    const sources = [
      { name: 'cifar-10-binary.tar.gz', bytes: archive },
      { name: 'cifar-10-binary.tar', bytes: tar },
      { name: 'data_batch_1.bin', bytes: batch },
    ];
    const outcomes = { loaded: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      const source = sources[i % sources.length];
      const { bytes, what } = mutate(source.bytes, rng);
      const chunk = 1 + rng.randint(4096);
      const context = `case ${i} (${source.name}: ${what}, chunks of ${chunk}; seed ${SEED})`;
      try {
        const dataset = await withTimeout(loadCifarFiles([fileSource(source.name, bytes, [chunk])]), PER_CASE_MS);
        // A mutation may leave a valid file: then the result must be self-consistent.
        expect(dataset.train.images.length, context).toBe(dataset.train.count * 3072);
        for (const label of dataset.train.labels) expect(label, context).toBeLessThan(10);
        outcomes.loaded++;
      } catch (error) {
        if (!(error instanceof DatasetError)) throw new Error(`${context}: ${String(error)}`);
        expect(error.message.length, context).toBeGreaterThan(0);
        outcomes.refused++;
      }
    }
    console.info(`fuzz outcomes: ${outcomes.loaded} loaded, ${outcomes.refused} refused with a message`);
    expect(outcomes.loaded + outcomes.refused).toBe(CASES);
  }, 300_000);
});
