import { describe, expect, it, vi } from 'vitest';
import { plainMessage } from '../core/message.ts';
import type { RawDataset } from '../data/types.ts';
import { createStartUp, type StartRequest } from './startUp.ts';

const data = { name: 'MNIST (test)' } as RawDataset;

/** A request whose data arrives when the test says (`arrive`). */
function request(problems: StartRequest['problems'] = []) {
  let arrive!: (dataset: RawDataset | null) => void;
  const req = {
    problems,
    dataset: vi.fn(() => new Promise<RawDataset | null>((resolve) => (arrive = resolve))),
    missing: plainMessage('no data'),
    refuse: vi.fn(),
    stopPrevious: vi.fn(),
  };
  return { req, arrive: (dataset: RawDataset | null) => arrive(dataset) };
}

describe('the start-up of runs and sweeps', () => {
  it('a start with problems is refused before anything loads; one without data says what is missing', async () => {
    const startUp = createStartUp('run', () => 36);
    const refused = request([plainMessage('bad batch')]);
    expect(await startUp.begin(refused.req)).toBeNull();
    expect(refused.req.refuse).toHaveBeenCalledWith([plainMessage('bad batch')]);
    expect(refused.req.dataset).not.toHaveBeenCalled();

    const none = request();
    const started = startUp.begin(none.req);
    none.arrive(null);
    expect(await started).toBeNull();
    expect(none.req.refuse).toHaveBeenCalledWith([plainMessage('no data')]);
    expect(none.req.stopPrevious).not.toHaveBeenCalled();
  });

  it('stops the previous one and gives each start a new id; a start overtaken by another or by Stop gives up', async () => {
    const startUp = createStartUp('sweep', () => 36);
    const first = request();
    const second = request();
    const overtaken = startUp.begin(first.req);
    const latest = startUp.begin(second.req);
    first.arrive(data);
    second.arrive(data);
    expect(await overtaken).toBeNull();
    expect(await latest).toEqual({ id: 'sweep-10-1', dataset: data });
    expect(first.req.stopPrevious).not.toHaveBeenCalled();
    expect(second.req.stopPrevious).toHaveBeenCalledOnce();

    const stopped = request();
    const waiting = startUp.begin(stopped.req);
    startUp.cancel();
    stopped.arrive(data);
    expect(await waiting).toBeNull();
    const next = request();
    const again = startUp.begin(next.req);
    next.arrive(data);
    expect((await again)?.id).toBe('sweep-10-2');
  });
});
