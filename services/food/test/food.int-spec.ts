import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { BuildingClosure, createEnvelope, EnrollmentEvents, EventDefinition, FacilitiesEvents, FOOD_KPIS, SchoolSnapshot, StudentSnapshot } from '@district/contracts';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as FoodApp } from '../src/app.module';

const foodWriter = bearer(['food:write', 'student-records']);
const foodReader = bearer(['food:read', 'student-records']);
const coo = bearer(['coo']);

/**
 * Food against enrollment's and facilities' event contracts on real PostgreSQL and NATS: events are
 * published to their streams as those services would (e2e/enrollment-to-food runs the real enrollment).
 */
describe('food service', () => {
  let nats: TestNats;
  let food: NestFastifyApplication;
  let fdb: DataSource;
  let nc: NatsConnection;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const f = await createTestDatabase('food');
    dbs.push(f);
    // the district claims severe-need breakfast at school code F-SEVERE only
    food = await startService(FoodApp, { DATABASE_URL: f.url, NATS_URL: nats.url, FOOD_SEVERE_NEED_BREAKFAST: 'F-SEVERE' });
    fdb = food.get(DataSource);
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stopService(food);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const inject = async (app: NestFastifyApplication, method: 'GET' | 'POST' | 'PUT', url: string, auth: string, payload?: unknown, contentType?: string) => {
    const res = await app.inject({ method, url, headers: { authorization: auth, ...(contentType ? { 'content-type': contentType } : {}) }, payload: payload as string });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  let n = 0;
  const publishAs = async <T>(source: string, def: EventDefinition<T>, data: T) => {
    const e = createEnvelope(def, data, { source });
    await nc.jetstream().publish(def.subject, JSON.stringify(e), { msgID: e.id });
  };
  const school = async (code = `F${++n}${randomUUID().slice(0, 4)}`) => {
    const snap: SchoolSnapshot = { id: randomUUID(), code, name: `Food School ${code}`, address: '1 City Hall Sq', latitude: 42.36, longitude: -71.06, grades: ['K', '1', '2', '3'], capacity: {}, version: 1 };
    await publishAs('enrollment', EnrollmentEvents.SchoolUpserted, { school: snap });
    await waitFor(async () => (await fdb.query('SELECT 1 FROM schools WHERE id = $1', [snap.id])).length > 0, { what: 'school projected' });
    return snap.id;
  };
  const snapshot = (schoolId: string | null, over: Partial<StudentSnapshot> = {}): StudentSnapshot => ({
    id: randomUUID(), localId: `L${randomUUID().slice(0, 8)}`, firstName: 'Ana', lastName: 'Silva', grade: '2', address: '1 Test St', latitude: 42.37, longitude: -71.06,
    flags: { iepTransportation: false, englishLearner: false, mckinneyVento: false }, siblingIds: [], status: schoolId ? 'enrolled' : 'not-enrolled', schoolId,
    enrollmentId: schoolId ? randomUUID() : null, version: 2, ...over,
  });
  const student = async (schoolId: string, entryDate: string, siblingIds: string[] = []) => {
    const s = snapshot(schoolId, { siblingIds });
    await publishAs('enrollment', EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId, entryDate });
    return { id: s.id, localId: s.localId, snapshot: s };
  };
  const account = (studentId: string) =>
    fdb.query(`SELECT status, school_id AS "schoolId", opened_on::text AS "openedOn", closed_on::text AS "closedOn" FROM meal_accounts WHERE student_id = $1`, [studentId]).then((r) => r[0]);
  const settled = () =>
    waitFor(async () => {
      const jsm = await nc.jetstreamManager();
      for (const stream of ['EVT_ENROLLMENT', 'EVT_FACILITIES']) {
        const info = await jsm.consumers.info(stream, 'food').catch(() => null);
        if (info && (info.num_pending > 0 || info.num_ack_pending > 0)) return false;
      }
      return true;
    }, { what: 'food consumers caught up' });
  const rpc = async (subject: string, data: unknown) => {
    const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5000 });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field below
    return JSON.parse(new TextDecoder().decode(reply.data)) as { response?: any; err?: any };
  };
  const publish = <T>(def: EventDefinition<T>, data: T) => publishAs('facilities', def, data);
  const tx = (schoolId: string, date: string, mealType: string, category: string, studentId?: string, count?: number) => ({
    id: randomUUID(), schoolId, date, mealType, category, ...(studentId ? { studentId } : { count: count ?? 1 }),
  });

  it('opens a meal account when a student is enrolled, follows a transfer, closes it on withdrawal, ignores stale snapshots', async () => {
    const schoolId = await school();
    const other = await school();
    const s = await student(schoolId, '2026-09-03');
    expect(await waitFor(() => account(s.id), { what: 'account' })).toEqual({ status: 'open', schoolId, openedOn: '2026-09-03', closedOn: null });
    const moved = { ...s.snapshot, schoolId: other, version: 3 };
    await publishAs('enrollment', EnrollmentEvents.StudentTransferred, { student: moved, fromSchoolId: schoolId, toSchoolId: other, enrollmentId: randomUUID(), entryDate: '2026-10-01' });
    await waitFor(async () => (await account(s.id))?.schoolId === other, { what: 'account moved' });
    const gone = { ...moved, status: 'withdrawn' as const, schoolId: null, enrollmentId: null, version: 4 };
    await publishAs('enrollment', EnrollmentEvents.StudentWithdrawn, { student: gone, schoolId: other, exitDate: '2026-10-15', exitReason: 'moved' });
    await publishAs('enrollment', EnrollmentEvents.StudentEnrolled, { student: s.snapshot, enrollmentId: s.snapshot.enrollmentId!, schoolId, entryDate: '2026-09-03' }); // a late copy of an older version
    await settled();
    expect(await account(s.id)).toEqual({ status: 'closed', schoolId: other, openedOn: '2026-09-03', closedOn: '2026-10-15' });
    const spells = await fdb.query('SELECT school_id AS "schoolId", from_date::text AS "from", to_date::text AS "to" FROM account_spells WHERE student_id = $1 ORDER BY from_date', [s.id]);
    expect(spells).toEqual([{ schoolId, from: '2026-09-03', to: '2026-10-01' }, { schoolId: other, from: '2026-10-01', to: '2026-10-15' }]);

    const summary = await rpc('food.student-summary.get', { studentId: s.id });
    expect(summary.response).toEqual({ studentId: s.id, account: { status: 'closed', schoolId: other, openedOn: '2026-09-03', closedOn: '2026-10-15' } });
    expect((await rpc('food.student-summary.get', { studentId: randomUUID() })).err).toMatchObject({ status: 404 });
  });

  it('a McKinney-Vento student is categorically free and identified', async () => {
    const schoolId = await school();
    const s = snapshot(schoolId, { flags: { iepTransportation: false, englishLearner: false, mckinneyVento: true } });
    await publishAs('enrollment', EnrollmentEvents.StudentEnrolled, { student: s, enrollmentId: s.enrollmentId!, schoolId, entryDate: '2026-09-02' });
    await waitFor(() => account(s.id), { what: 'account' });
    const view = await inject(food, 'GET', `/api/eligibility/students/${s.id}?asOf=2026-09-10`, foodReader);
    expect(view.body).toMatchObject({ category: 'free', identified: true, history: [{ basis: 'categorical', program: 'HOMELESS' }] });
  });

  it('direct certification certifies matched students, extends to siblings, reports unknown rows, and a resend changes nothing', async () => {
    const schoolId = await school();
    const older = await student(schoolId, '2026-09-02');
    const younger = await student(schoolId, '2026-09-02', [older.id]);
    const other = await student(schoolId, '2026-09-02');
    // enrollment links siblings both ways: the older one's snapshot is updated
    await publishAs('enrollment', EnrollmentEvents.StudentUpdated, { student: { ...older.snapshot, siblingIds: [younger.id], version: 3 }, changed: ['siblingIds'] });
    await waitFor(async () => (await fdb.query('SELECT sibling_ids FROM students WHERE id = $1', [older.id]))[0]?.sibling_ids.includes(younger.id), { what: 'sibling link projected' });
    await settled();
    const csv = `local_id,program,certified_on\n${older.localId},SNAP,2026-08-15\nNOPE123,TANF,2026-08-15\n${other.localId},WIC,2026-08-15\n`;
    const first = await inject(food, 'POST', '/api/eligibility/direct-certifications', foodWriter, csv, 'text/csv');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rows: 3, certified: 1, extended: 1, alreadyCertified: 0 });
    expect(first.body.rejected).toEqual([{ line: 3, errors: ['no student with local_id NOPE123'] }, { line: 4, errors: [expect.stringMatching(/^program must be one of/)] }]);
    const again = await inject(food, 'POST', '/api/eligibility/direct-certifications', foodWriter, csv, 'text/csv');
    expect(again.body).toMatchObject({ certified: 0, extended: 0, alreadyCertified: 1 });

    const view = await inject(food, 'GET', `/api/eligibility/students/${younger.id}?asOf=2026-09-10`, foodReader);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ category: 'free', identified: true, history: [{ basis: 'household-extension', program: 'SNAP', effectiveFrom: '2026-08-15' }] });
    // sensitive: a food role and student-records both needed; the gateway's student summary shows the category only on request
    expect((await inject(food, 'GET', `/api/eligibility/students/${younger.id}`, bearer(['food:read']))).status).toBe(403);
    expect((await inject(food, 'GET', `/api/eligibility/students/${younger.id}`, bearer(['coo', 'student-records']))).status).toBe(403);
    expect((await inject(food, 'GET', `/api/eligibility/students/${younger.id}`, bearer(['food:read', 'student-records'], { schools: [randomUUID()] }))).status).toBe(403);
    expect((await rpc('food.student-summary.get', { studentId: younger.id })).response.eligibility).toBeUndefined();
    expect((await rpc('food.student-summary.get', { studentId: younger.id, includeSensitive: true })).response.eligibility).toEqual({ category: 'free', basis: 'household-extension', effectiveFrom: '2026-08-15' });
    // a malformed file is refused whole
    expect((await inject(food, 'POST', '/api/eligibility/direct-certifications', foodWriter, 'local_id,program\nx,SNAP\n', 'text/csv')).status).toBe(422);
  });

  it('decides applications against the dated income table, at its exact limits, and keeps the history', async () => {
    const schoolId = await school();
    const s = await student(schoolId, '2026-09-02');
    await waitFor(() => account(s.id), { what: 'account' });
    // SY 2025-26 table, household of 4: free ≤ 41,795 a year, reduced ≤ 59,478
    const apply = (amount: number, receivedOn: string) =>
      inject(food, 'POST', '/api/eligibility/applications', foodWriter, { studentIds: [s.id], householdSize: 4, incomes: [{ amount, frequency: 'annual' }], receivedOn });
    const atFree = await apply(41795, '2026-03-02');
    expect(atFree.status).toBe(201);
    expect(atFree.body).toMatchObject({ category: 'free', incomeTable: 'SY 2025-26', provisional: false, freeLimit: 41795, effectiveTo: '2026-08-15' });
    expect((await apply(59478, '2026-04-01')).body).toMatchObject({ category: 'reduced' });
    expect((await apply(59479, '2026-05-01')).body).toMatchObject({ category: 'paid' });
    // no SY 2026-27 table loaded: the latest earlier table decides, marked provisional
    expect((await apply(41796, '2026-09-10')).body).toMatchObject({ category: 'reduced', provisional: true });
    const view = await inject(food, 'GET', `/api/eligibility/students/${s.id}?asOf=2026-09-15`, foodReader);
    expect(view.body.category).toBe('reduced');
    expect(view.body.history.map((h: { category: string }) => h.category)).toEqual(['reduced', 'paid', 'reduced', 'free']);
    const bad = await inject(food, 'POST', '/api/eligibility/applications', foodWriter, { studentIds: ['x'], householdSize: 0, incomes: [{ amount: -1, frequency: 'hourly' }], receivedOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['householdSize', 'incomes.0.amount', 'incomes.0.frequency', 'receivedOn', 'studentIds']);
  });

  it('ingests point-of-sale batches: rejects bad items, counts a resent batch once, and takes tens of thousands a second', async () => {
    const schoolId = await school();
    const kids = await Promise.all([student(schoolId, '2026-09-02'), student(schoolId, '2026-09-02')]);
    await waitFor(async () => (await fdb.query('SELECT count(*)::int AS n FROM meal_accounts WHERE school_id = $1', [schoolId]))[0].n === 2, { what: 'accounts' });
    const batch = [
      tx(schoolId, '2026-09-03', 'lunch', 'paid', kids[0].id),
      tx(schoolId, '2026-09-03', 'lunch', 'paid', kids[1].id),
      tx(schoolId, '2026-09-03', 'breakfast', 'paid', kids[0].id),
      tx(schoolId, '2026-09-03', 'lunch', 'free', undefined, 5),
      tx(schoolId, '2026-09-01', 'lunch', 'paid', kids[0].id), // before the account opened
      { ...tx(schoolId, '2026-09-03', 'dinner', 'paid', kids[1].id) },
      tx(randomUUID(), '2026-09-03', 'lunch', 'paid'),
    ];
    const first = await inject(food, 'POST', '/api/meal-transactions', foodWriter, batch);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 7, inserted: 4, duplicates: 0 });
    expect(first.body.rejected.map((r: { index: number }) => r.index)).toEqual([4, 5, 6]);
    const resend = await inject(food, 'POST', '/api/meal-transactions', foodWriter, batch);
    expect(resend.body).toMatchObject({ inserted: 0, duplicates: 4 });
    // a second lunch for the same student that day (new id) is refused, not counted
    const second = await inject(food, 'POST', '/api/meal-transactions', foodWriter, [tx(schoolId, '2026-09-03', 'lunch', 'paid', kids[0].id)]);
    expect(second.body.rejected[0].errors).toEqual(['the student already has a lunch on 2026-09-03']);
    const counts = await inject(food, 'GET', `/api/meal-counts?schoolId=${schoolId}&from=2026-09-01&to=2026-09-30`, coo);
    expect(counts.body).toEqual({ total: 1, items: [{ schoolId, date: '2026-09-03', meals: { lunch: { free: 5, paid: 2 }, breakfast: { paid: 1 } }, total: 8 }] });
    expect((await inject(food, 'POST', '/api/meal-transactions', foodWriter, { not: 'an array' })).status).toBe(400);
    expect((await inject(food, 'POST', '/api/meal-transactions', foodReader, batch)).status).toBe(403);

    // throughput: 4 batches of 10,000 (2 MB each, above the platform's default body limit)
    const big = (k: number) => Array.from({ length: 10_000 }, (_, i) => tx(schoolId, `2026-10-${String(1 + (k % 28)).padStart(2, '0')}`, i % 2 ? 'lunch' : 'breakfast', ['free', 'reduced', 'paid'][i % 3]));
    const batches = [0, 1, 2, 3].map(big);
    const started = performance.now();
    for (const b of batches) {
      const r = await inject(food, 'POST', '/api/meal-transactions', foodWriter, b);
      expect(r.body).toMatchObject({ inserted: 10_000, rejected: [] });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`food POS ingestion: 40,000 transactions in ${seconds.toFixed(2)} s = ${Math.round(40_000 / seconds)} per second (HTTP in-process, 10,000 per request)`);
    const [{ meals }] = await fdb.query(`SELECT sum(meals)::int AS meals FROM meal_counts_daily WHERE school_id = $1 AND service_date >= '2026-10-01'`, [schoolId]);
    expect(meals).toBe(40_000);
  });

  it('computes a claim that matches one done by hand, to the cent, with edit checks', async () => {
    // SY 2024-25 rates; severe-need breakfast at this school (FOOD_SEVERE_NEED_BREAKFAST=F-SEVERE); add-on on (default)
    const schoolId = await school('F-SEVERE');
    const kids = [];
    for (let i = 0; i < 3; i++) kids.push(await student(schoolId, '2024-09-03'));
    await waitFor(async () => (await fdb.query('SELECT count(*)::int AS n FROM meal_accounts WHERE school_id = $1', [schoolId]))[0].n === 3, { what: 'accounts' });
    await settled();
    const csv = `local_id,program,certified_on\n${kids[0].localId},SNAP,2024-08-20\n`;
    expect((await inject(food, 'POST', '/api/eligibility/direct-certifications', foodWriter, csv, 'text/csv')).body.certified).toBe(1);
    // the only income table starts 2025-07-01: an application of 2024 cannot be decided (the student stays paid)
    const early = await inject(food, 'POST', '/api/eligibility/applications', foodWriter, { studentIds: [kids[1].id], householdSize: 2, incomes: [{ amount: 2000, frequency: 'monthly' }], receivedOn: '2024-09-03' });
    expect(early).toMatchObject({ status: 422, body: { detail: 'no income eligibility table in effect on or before 2024-09-03' } });
    // eligible on each day: 1 free (directly certified), 0 reduced, 2 paid
    const batch = [
      tx(schoolId, '2024-09-03', 'lunch', 'free', kids[0].id), tx(schoolId, '2024-09-03', 'lunch', 'paid', kids[2].id),
      tx(schoolId, '2024-09-03', 'breakfast', 'free', kids[0].id),
      tx(schoolId, '2024-09-04', 'lunch', 'free', kids[0].id), tx(schoolId, '2024-09-04', 'lunch', 'paid', kids[2].id),
      tx(schoolId, '2024-09-04', 'lunch', 'reduced', undefined, 3), // 3 reduced lunches, but no reduced student: disallowed
    ];
    expect((await inject(food, 'POST', '/api/meal-transactions', foodWriter, batch)).body).toMatchObject({ inserted: 6, rejected: [] });
    const claim = await inject(food, 'GET', `/api/claims/2024-09/schools/${schoolId}`, coo);
    expect(claim.status).toBe(200);
    // free lunch 2 × (4.43 + 0.09) = 9.04; paid lunch 2 × (0.42 + 0.09) = 1.02; severe-need free breakfast 1 × 2.84 = 2.84 → 12.90
    expect(claim.body.total).toBe(12.9);
    expect(claim.body.provisional).toBe(false);
    expect(claim.body.violations).toEqual([{ schoolId, date: '2024-09-04', mealType: 'lunch', category: 'reduced', served: 3, eligible: 0, disallowed: 3 }]);
    expect(claim.body.schools[0]).toMatchObject({ served: { breakfast: 1, lunch: 7, snack: 0 }, claimedMeals: 5, disallowedMeals: 3 });
    expect((await inject(food, 'GET', '/api/claims/2024-13', coo)).status).toBe(400);
    expect((await inject(food, 'GET', `/api/claims/2024-09/schools/${randomUUID()}`, coo)).status).toBe(404);
  });

  it('elects CEP only from data: ISP from the census, claiming percentage computed, below 25 % refused', async () => {
    const schoolId = await school();
    const kids = [];
    for (let i = 0; i < 5; i++) kids.push(await student(schoolId, '2026-09-02'));
    await waitFor(async () => (await fdb.query('SELECT count(*)::int AS n FROM meal_accounts WHERE school_id = $1', [schoolId]))[0].n === 5, { what: 'accounts' });
    await settled();
    const elect = () => inject(food, 'POST', '/api/cep/elections', foodWriter, { name: 'Test CEP', schoolIds: [schoolId], effectiveFrom: '2026-09-02', asOf: '2026-09-10' });
    expect((await elect()).status).toBe(422); // nobody identified
    const csv = `local_id,program,certified_on\n${kids[0].localId},SNAP,2026-08-20\n${kids[1].localId},TANF,2026-08-20\n`;
    await inject(food, 'POST', '/api/eligibility/direct-certifications', foodWriter, csv, 'text/csv');
    const ok = await elect();
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ identified: 2, enrolled: 5, isp: 40, freeClaimingPercent: 64, paidClaimingPercent: 36 });
    expect((await elect()).status).toBe(409);
    const isp = await inject(food, 'GET', '/api/cep/isp?asOf=2026-09-10&limit=500', coo);
    expect(isp.body.items.find((r: { schoolId: string }) => r.schoolId === schoolId)).toMatchObject({ isp: 40, qualifies: true, freeClaimingPercent: 64 });

    // 10 lunches on one day at a CEP school: 6.4 free and 3.6 paid (SY 2024-25 rates, provisional for 2026)
    const meals = kids.map((k) => tx(schoolId, '2026-09-14', 'lunch', 'free', k.id));
    await inject(food, 'POST', '/api/meal-transactions', foodWriter, meals);
    const claim = await inject(food, 'GET', `/api/claims/2026-09/schools/${schoolId}`, coo);
    expect(claim.body.provisional).toBe(true);
    // 5 × 0.64 × 4.52 = 14.464 → 14.46; 5 × 0.36 × 0.51 = 0.918 → 0.92
    expect(claim.body.schools[0].lines.map((l: { category: string; amount: number }) => [l.category, l.amount])).toEqual([['free', 14.46], ['paid', 0.92]]);
    expect(claim.body.total).toBe(15.38);
  });

  it('cancels meal service when facilities closes the building, ignores stale versions, restores when lifted', async () => {
    const schoolId = await school();
    const kid = await student(schoolId, '2026-09-02');
    await waitFor(() => account(kid.id), { what: 'account' });
    const closure: BuildingClosure = { closureId: randomUUID(), buildingId: randomUUID(), schoolId, kind: 'emergency', from: '2026-11-20', to: '2026-11-24', reason: 'boiler failure', version: 2 };
    await publish(FacilitiesEvents.BuildingClosed, closure);
    await publish(FacilitiesEvents.BuildingClosed, { ...closure, to: '2026-11-30', version: 1 }); // older: ignored
    await settled();
    const days = async () => (await fdb.query('SELECT service_date::text AS d FROM cancelled_days WHERE school_id = $1 ORDER BY 1', [schoolId])).map((r: { d: string }) => r.d);
    await waitFor(async () => (await days()).length === 3, { what: 'cancelled days' });
    expect(await days()).toEqual(['2026-11-20', '2026-11-23', '2026-11-24']);
    const [cancelled] = await fdb.query(`SELECT envelope->'data' AS data FROM outbox WHERE subject = 'evt.food.service.cancelled.v1' AND envelope->'data'->>'cancellationId' = $1`, [closure.closureId]);
    expect(cancelled.data).toEqual({ cancellationId: closure.closureId, origin: 'building-closure', schoolId, dates: ['2026-11-20', '2026-11-23', '2026-11-24'], reason: 'boiler failure', version: 2 });

    const refused = await inject(food, 'POST', '/api/meal-transactions', foodWriter, [tx(schoolId, '2026-11-23', 'lunch', 'paid', kid.id)]);
    expect(refused.body.rejected[0].errors).toEqual(['meal service is cancelled at this school on 2026-11-23']);
    const brief = await rpc('food.brief.get', { date: '2026-11-23' });
    expect(brief.response.items).toContainEqual(expect.objectContaining({ department: 'food', kind: 'meal-service.cancelled', severity: 'critical', schoolId, ref: { type: 'closure', id: closure.closureId } }));
    const summaries = await rpc('food.school-summaries.get', { schoolIds: [schoolId], date: '2026-11-23' });
    expect(summaries.response.schools[schoolId].serviceCancelled).toEqual({ reason: 'boiler failure', origin: 'building-closure' });

    await publish(FacilitiesEvents.BuildingReopened, { ...closure, liftedFrom: '2026-11-23', version: 3 });
    await waitFor(async () => (await days()).length === 1, { what: 'restored days' });
    const [restored] = await fdb.query(`SELECT envelope->'data' AS data FROM outbox WHERE subject = 'evt.food.service.restored.v1' AND envelope->'data'->>'cancellationId' = $1`, [closure.closureId]);
    expect(restored.data.dates).toEqual(['2026-11-23', '2026-11-24']);
  });

  it('answers the gateway: school summaries, KPIs for every catalogue id, validation errors as 400', async () => {
    const schoolId = await school();
    const kids = [];
    for (let i = 0; i < 4; i++) kids.push(await student(schoolId, '2026-09-02'));
    await waitFor(async () => (await fdb.query('SELECT count(*)::int AS n FROM meal_accounts WHERE school_id = $1', [schoolId]))[0].n === 4, { what: 'accounts' });
    await settled();
    await inject(food, 'POST', '/api/eligibility/direct-certifications', foodWriter, `local_id,program,certified_on\n${kids[0].localId},SNAP,2026-08-20\n`, 'text/csv');
    await inject(food, 'POST', '/api/meal-transactions', foodWriter, [
      tx(schoolId, '2026-11-20', 'lunch', 'free', kids[0].id), tx(schoolId, '2026-11-20', 'lunch', 'paid', kids[1].id), tx(schoolId, '2026-11-20', 'breakfast', 'paid', kids[1].id),
      tx(schoolId, '2026-11-23', 'lunch', 'paid', kids[2].id),
    ]);
    expect((await inject(food, 'PUT', `/api/costs/${schoolId}/2026-11`, foodWriter, { laborHours: 2, foodCost: 6, laborCost: 40, otherCost: 1, otherRevenue: 3.25 })).status).toBe(200);

    const s = (await rpc('food.school-summaries.get', { schoolIds: [schoolId, randomUUID()], date: '2026-11-23' })).response;
    expect(Object.keys(s.schools)).toEqual([schoolId]);
    expect(s.schools[schoolId]).toMatchObject({
      enrolled: 4, mealsToday: { breakfast: 0, lunch: 1, snack: 0 }, mealsMonthToDate: { breakfast: 1, lunch: 3, snack: 0 }, servingDaysMonthToDate: 2,
      lunchParticipation: 37.5, breakfastParticipation: 25, cep: null, serviceCancelled: null,
    });
    // free lunch 4.52 + paid lunches 2 × 0.51 + paid breakfast 0.39 (provisional SY 2024-25 rates)
    expect(s.schools[schoolId].claimMonthToDate).toBe(5.93);

    const k = (await rpc('food.kpis.get', { from: '2026-11', to: '2026-11', bySchool: true })).response;
    const mine = k.schools.find((x: { schoolId: string }) => x.schoolId === schoolId).values;
    expect(Object.keys(mine).sort()).toEqual(FOOD_KPIS.map((x) => x.id).sort());
    expect(mine).toEqual({
      'food.lunch-participation': 37.5,
      'food.breakfast-participation': 25,
      'food.meals-per-labor-hour': 1.84, // (3 + 0.67) / 2
      'food.cost-per-meal': 12.81, // 47 / 3.67
      'food.food-cost-percent-of-revenue': 65.36, // 6 / (5.93 + 3.25)
      'food.labor-cost-percent-of-revenue': 435.73,
      'food.reimbursement-revenue': 5.93,
      'food.directly-certified-percent': 25,
    });
    expect(k.periods[0].period).toBe('2026-11');
    expect((await rpc('food.kpis.get', { from: '2026-13', to: '2026-11' })).err).toMatchObject({ status: 400 });
    expect((await rpc('food.school-summaries.get', { schoolIds: ['nope'], date: '2026-11-23' })).err).toMatchObject({ status: 400 });
    expect((await inject(food, 'PUT', `/api/costs/${schoolId}/2026-11`, foodWriter, { laborHours: -1 })).status).toBe(400);
  });
});
