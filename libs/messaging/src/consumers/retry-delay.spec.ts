import { retryDelayMs } from './event-consumers.service';

describe('retry delay', () => {
  it('doubles per delivery from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelayMs(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
