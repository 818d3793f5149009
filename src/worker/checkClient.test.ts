import { describe, expect, it } from 'vitest';
import { createCheckClient } from './checkClient.ts';
import type { CheckRequest, CheckResponse } from './checkProtocol.ts';
import { FakeWorker } from './testing/fakeWorker.ts';

describe('the check client', () => {
  it('answers by request id; a crashed worker rejects what waits, and the next request gets a fresh worker', async () => {
    const made: FakeWorker[] = [];
    const client = createCheckClient(() => (made.push(new FakeWorker('checks')), made.at(-1)!.asWorker()));
    const first = client.run({ type: 'backward' });
    const second = client.run({ type: 'net' });
    expect(made).toHaveLength(1);
    const [a, b] = made[0].sent as unknown as CheckRequest[];
    made[0].emit('message', {
      data: { type: 'error', requestId: b.requestId, message: 'late' } as CheckResponse as never,
    });
    await expect(second).resolves.toMatchObject({ type: 'error', message: 'late' });
    made[0].emit('error', { message: 'out of memory' });
    await expect(first).rejects.toThrow('The check worker failed: out of memory');
    expect(a.requestId).not.toBe(b.requestId);
    const third = client.run({ type: 'backward' });
    expect(made).toHaveLength(2);
    client.dispose();
    await expect(third).rejects.toThrow('disposed');
    expect(made[1].terminated).toBe(true);
  });
});
