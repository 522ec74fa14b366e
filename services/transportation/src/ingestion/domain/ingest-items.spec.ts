import { checkAll, checkArrival, checkMileage, checkScan } from './ingest-items';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('bulk ingestion items', () => {
  it('accepts a well-formed scan and reads its instant with its offset', () => {
    const r = checkScan({ studentId: id(1), runId: id(2), stopId: id(3), scannedAt: '2026-11-23T07:12:05-05:00' });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ scannedAt: new Date('2026-11-23T12:12:05Z') }) });
  });
  it('says what is wrong with a bad scan', () => {
    expect(checkScan({ studentId: 'x', runId: id(2), stopId: id(3), scannedAt: '2026-11-23T07:12:05Z' })).toEqual({ ok: false, reason: 'studentId must be a UUID' });
    expect(checkScan({ studentId: id(1), runId: id(2), stopId: id(3), scannedAt: '2026-11-23 07:12' })).toMatchObject({ ok: false, reason: expect.stringMatching(/offset/) });
    expect(checkScan({ studentId: id(1), runId: id(2), stopId: id(3), scannedAt: '2026-11-23T07:12Z', extra: 1 })).toEqual({ ok: false, reason: 'unknown field extra' });
    expect(checkScan({ studentId: id(1), runId: id(2), scannedAt: '2026-11-23T07:12Z' })).toEqual({ ok: false, reason: 'stopId is required' });
    expect(checkScan(null)).toEqual({ ok: false, reason: 'not an object' });
  });
  it('checks arrivals and mileage', () => {
    expect(checkArrival({ runId: id(1), date: '2026-11-23', actualArrival: '07:52' }).ok).toBe(true);
    expect(checkArrival({ runId: id(1), date: '2026-11-31', actualArrival: '07:52' })).toMatchObject({ ok: false, reason: expect.stringMatching(/date/) });
    expect(checkArrival({ runId: id(1), date: '2026-11-23', actualArrival: '7:52' })).toMatchObject({ ok: false, reason: expect.stringMatching(/actualArrival/) });
    expect(checkMileage({ vehicleId: id(1), date: '2026-11-23', miles: 84.27 })).toEqual({ ok: true, value: { vehicleId: id(1), date: '2026-11-23', miles: 84.3 } });
    expect(checkMileage({ vehicleId: id(1), date: '2026-11-23', miles: -1 }).ok).toBe(false);
    expect(checkMileage({ vehicleId: id(1), date: '2026-11-23', miles: '12' }).ok).toBe(false);
  });
  it('reports every rejected item with its index, and a repeated key as a duplicate of the first', () => {
    const items = [
      { runId: id(1), date: '2026-11-23', actualArrival: '07:52' },
      { runId: 'nope', date: '2026-11-23', actualArrival: '07:52' },
      { runId: id(1), date: '2026-11-23', actualArrival: '07:55' },
    ];
    const r = checkAll(items, checkArrival, (a) => `${a.runId}|${a.date}`);
    expect(r.accepted.map((a) => a.index)).toEqual([0]);
    expect(r.rejected).toEqual([{ index: 1, reason: 'runId must be a UUID' }, { index: 2, reason: 'duplicate of item 0' }]);
  });
});
