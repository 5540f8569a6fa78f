// The exchange server's results in parts (the runner posts large results so,
// because one large POST crashes Chromium's renderer) and the deadlines of
// the waits on the page.
import { afterEach, describe, expect, test } from 'vitest';
import { DeadlineError, formatSeconds, withDeadline } from '../../src/tooling/deadline.js';
import { ExchangeServer } from '../../src/tooling/server.js';

let server: ExchangeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, at: number, of: number, bytes: number[]) =>
  fetch(`${url}?at=${at}&of=${of}`, { method: 'POST', body: new Uint8Array(bytes) });

describe('results in parts', () => {
  test('parts posted in any order make the whole result, in its own ArrayBuffer', async () => {
    server = await ExchangeServer.start('.');
    const url = server.resultUrl();
    expect((await post(url, 4, 6, [5, 6])).status).toBe(204);
    expect((await post(url, 0, 6, [1, 2, 3, 4])).status).toBe(204);
    const result = server.takeResult(url);
    expect([...result]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([result.byteOffset, result.buffer.byteLength]).toEqual([0, 6]);
    expect(() => server!.takeResult(url)).toThrow(/sent no result/);
  });

  test('a missing part, or one past the end, is an error, not a short result', async () => {
    server = await ExchangeServer.start('.');
    const url = server.resultUrl();
    await post(url, 0, 6, [1, 2, 3, 4]);
    expect(() => server!.takeResult(url)).toThrow(/sent 4 of the 6 bytes/);
    const other = server.resultUrl();
    expect((await post(other, 4, 5, [1, 2])).status).toBe(404);
  });
});

describe('deadlines', () => {
  test('a wait that outlives its deadline fails, naming what was awaited and the deadline', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withDeadline(never, 30, 'the page')).rejects.toThrow(new DeadlineError('kernelgl: the page gave no answer within 0 s.'));
    await expect(withDeadline(Promise.resolve(7), 1000, 'the page')).resolves.toBe(7);
  });

  test('deadlines read as a person says them', () => {
    expect([1500, 20_005, 90_000, 750_000, 600_000].map(formatSeconds)).toEqual(['1.5 s', '21 s', '90 s', '12 min 30 s', '10 min']);
  });
});
