import { Client } from 'pg';
import { TransportationRpc } from '@district/contracts';
import { RpcClient } from '@district/messaging';
import { AppProcess, bearer, createTestDatabase, startAppProcess, startNats, TestNats, waitFor } from '@district/testing';

const STUDENTS = 500;
const REQUESTS = 200;
const writer = bearer(['enrollment:write', 'student-records']);

/** Sum of a Prometheus counter in /metrics text, over the series whose labels contain every `match`. */
async function counter(app: AppProcess, name: string, match: string[] = []): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && match.every((m) => l.includes(m)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/**
 * Scale-out is safe (issue 10): two replicas of transportation and one of enrollment run as their own
 * processes, as in production, on one database per service and a private NATS. Every enrollment event is
 * applied exactly once in total while both replicas share the durable consumer, and request/reply load is
 * shared by the queue group. Each replica's share is read from its own /metrics. (Scheduled jobs run once
 * however many replicas tick: libs/messaging/test/scheduled-jobs.int-spec.ts, three replicas, ADR 0025.)
 */
describe('replicas of a consuming service', () => {
  let nats: TestNats;
  let enrollment: AppProcess;
  const transportation: AppProcess[] = [];
  const dbs: { url: string; drop(): Promise<void> }[] = [];
  let schoolId: string;

  beforeAll(async () => {
    nats = await startNats({ requirePrivate: true });
    const e = await createTestDatabase('replicas_enrollment');
    const t = await createTestDatabase('replicas_transportation');
    dbs.push(e, t);
    const common = { NATS_URL: nats.url, OUTBOX_SWEEP_INTERVAL_MS: '200', CONSUMER_BATCH_SIZE: '20' };
    enrollment = await startAppProcess('enrollment', 'services/enrollment/src/main.ts', { ...common, DATABASE_URL: e.url });
    // started together, as a Deployment's pods are: migrations run once under the advisory lock
    transportation.push(...(await Promise.all([1, 2].map((i) => startAppProcess(`transportation-${i}`, 'services/transportation/src/main.ts', { ...common, DATABASE_URL: t.url })))));
  }, 120_000);

  afterAll(async () => {
    for (const app of [...transportation, enrollment]) if (app) expect(await app.stop()).toBe(0);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const post = async (path: string, payload: object): Promise<{ id: string }> => {
    const res = await fetch(`${enrollment.url}${path}`, { method: 'POST', headers: { authorization: writer, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  /** runs `work(i)` for i in [0, n) with `width` at a time */
  const inParallel = async (n: number, width: number, work: (i: number) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => { while (next < n) await work(next++); })); // prettier-ignore
  };

  it(`applies each of ${STUDENTS} enrollments exactly once across both replicas, and both do some of the work`, async () => {
    const school = await post('/api/schools', { code: 'REP1', name: 'Replica Elementary', address: '1 Main St', latitude: 42.36, longitude: -71.06, grades: ['K', '1', '2'] });
    schoolId = school.id;
    const students: string[] = [];
    await inParallel(STUDENTS, 8, async (i) => {
      const s = await post('/api/students', { localId: `REP${i}`, firstName: 'Sam', lastName: `Student${i}`, birthDate: '2019-02-01', grade: '1', address: `${i} Far St`, latitude: 42.36 + (i % 40) / 1000, longitude: -71.06 });
      students[i] = s.id;
    });
    await inParallel(STUDENTS, 8, (i) => post('/api/enrollments', { studentId: students[i], schoolId: school.id, entryDate: '2026-09-03', grade: '1' }));

    const db = new Client({ connectionString: dbs[1].url });
    await db.connect();
    try {
      await waitFor(async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM eligibility WHERE school_id = $1 AND status <> 'not-enrolled'`, [school.id]);
        return rows[0].n === STUDENTS;
      }, { what: `${STUDENTS} eligibility records`, timeoutMs: 60_000, intervalMs: 250 });
      const { rows: inbox } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_ids FROM inbox WHERE type = 'enrollment.student.enrolled'`);
      expect(inbox[0]).toEqual({ n: STUDENTS, distinct_ids: STUDENTS });
      const { rows: determined } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'evt.transportation.eligibility.determined.v1'`);
      expect(determined[0].n).toBe(STUDENTS); // one determination per student: nothing applied twice
    } finally {
      await db.end();
    }

    // each replica's own count of the enrollments it applied: together exactly one each, and both took a share
    const handled = await Promise.all(transportation.map((t) => counter(t, 'events_consumed_total', ['type="enrollment.student.enrolled"', 'result="handled"'])));
    expect(handled.reduce((a, b) => a + b, 0)).toBe(STUDENTS);
    for (const n of handled) expect(n).toBeGreaterThan(0);
  }, 180_000);

  it(`shares ${REQUESTS} requests between the replicas of the queue group`, async () => {
    const rpc = new RpcClient(nats.url, 'gateway', 5000);
    await rpc.connect();
    const subject = TransportationRpc.SchoolSummaryGet;
    const before = await Promise.all(transportation.map((t) => counter(t, 'rpc_requests_handled_total', [`subject="${subject}"`, 'outcome="ok"'])));
    try {
      await inParallel(REQUESTS, 10, async () => expect(await rpc.request(subject, { schoolId })).toMatchObject({ schoolId }));
    } finally {
      await rpc.close();
    }
    const answered = (await Promise.all(transportation.map((t) => counter(t, 'rpc_requests_handled_total', [`subject="${subject}"`, 'outcome="ok"'])))).map((n, i) => n - before[i]);
    expect(answered.reduce((a, b) => a + b, 0)).toBe(REQUESTS); // each request answered once
    for (const n of answered) expect(n).toBeGreaterThan(REQUESTS / 10);
  });
});
