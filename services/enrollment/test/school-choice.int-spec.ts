import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats } from '@district/testing';
import { AppModule } from '../src/app.module';

const writer = bearer(['enrollment:write', 'student-records']);

/** A school choice round through the REST API on real PostgreSQL: programs, applications, run, results, offers. */
describe('school choice rounds', () => {
  let nats: TestNats;
  let app: NestFastifyApplication;
  let db: { drop(): Promise<void>; url: string };

  beforeAll(async () => {
    nats = await startNats();
    db = await createTestDatabase('enrollment_choice');
    app = await startService(AppModule, { DATABASE_URL: db.url, NATS_URL: nats.url });
  });

  afterAll(async () => {
    await stopService(app);
    await nats?.stop();
    await db?.drop();
  });

  const req = async (method: 'GET' | 'POST', url: string, payload?: object, auth = writer) => {
    const res = await app.inject({ method, url, payload, headers: { authorization: auth } });
    return { status: res.statusCode, body: res.json() };
  };
  const ok = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await req(method, url, payload);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('runs deferred acceptance from a seed, reproducibly, and moves a declined seat down the waitlist', async () => {
    // three schools far apart (no walk zones), one kindergarten seat each
    const schools: string[] = [];
    for (const [i, lat] of [42.30, 42.35, 42.40].entries()) {
      schools.push((await ok('POST', '/api/schools', { code: `CH${i}`, name: `Choice ${i}`, address: 'x', latitude: lat, longitude: -71.2, grades: ['K', '1'] })).id);
    }
    const [a, b, c] = schools;
    // an older sibling already at school b gives that family sibling priority there
    const olderSibling = (await ok('POST', '/api/students', { localId: 'OLD1', firstName: 'Big', lastName: 'Sib', birthDate: '2019-01-01', grade: '1', address: 'x', latitude: 42.0, longitude: -71.0 })).id;
    await ok('POST', '/api/enrollments', { studentId: olderSibling, schoolId: b, entryDate: '2026-09-03', grade: '1' });
    const students: string[] = [];
    for (let i = 0; i < 4; i++) {
      const body = { localId: `APP${i}`, firstName: 'Kid', lastName: `K${i}`, birthDate: '2022-03-01', grade: 'K', address: 'x', latitude: 42.0, longitude: -71.0, ...(i === 3 ? { siblingIds: [olderSibling] } : {}) };
      students.push((await ok('POST', '/api/students', body)).id);
    }

    const round = await ok('POST', '/api/choice/rounds', { name: 'K entry', schoolYear: '2027-28', entryGrades: ['K'] });
    expect(round).toMatchObject({ status: 'open', policy: { tiers: ['continuing', 'sibling', 'walk-zone'] } });
    const programs: string[] = [];
    for (const s of schools) programs.push((await ok('POST', `/api/choice/rounds/${round.id}/programs`, { schoolId: s, grade: 'K', seats: 1 })).id);
    // everyone wants a, then b, then c; the sibling family ranks b first
    for (const [i, s] of students.entries()) {
      await ok('POST', `/api/choice/rounds/${round.id}/applications`, { studentId: s, grade: 'K', choices: i === 3 ? [b, a, c] : [a, b, c] });
    }
    expect((await req('POST', `/api/choice/rounds/${round.id}/applications`, { studentId: students[0], grade: 'K', choices: [a] })).status).toBe(409);
    expect((await req('POST', `/api/choice/rounds/${round.id}/applications`, { studentId: olderSibling, grade: 'K', choices: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(422);

    const summary = await ok('POST', `/api/choice/rounds/${round.id}/run`, { seed: 'lottery-2027' });
    expect(summary).toMatchObject({ status: 'completed', applicants: 4, assigned: 3, unassigned: 1 });
    const first = (await ok('GET', `/api/choice/rounds/${round.id}/results?limit=10`)).items as {
      applicationId: string; studentId: string; lotteryNumber: number; assignedSchoolId: string | null; assignedChoiceRank: number | null;
      choices: { schoolId: string; tier: number }[]; waitlist: { schoolId: string; position: number }[];
    }[];
    expect(first).toHaveLength(4);
    // no school over its one seat
    const taken = first.map((r) => r.assignedSchoolId).filter(Boolean);
    expect(new Set(taken).size).toBe(taken.length);
    // the sibling family gets b (sibling priority, first choice); the tier says why
    const sib = first.find((r) => r.studentId === students[3])!;
    expect(sib).toMatchObject({ assignedSchoolId: b, assignedChoiceRank: 1 });
    expect(sib.choices.find((ch) => ch.schoolId === b)!.tier).toBeLessThan(sib.choices.find((ch) => ch.schoolId === a)!.tier);
    // among the three others, the best lottery number gets a
    const others = first.filter((r) => r.studentId !== students[3]).sort((x, y) => x.lotteryNumber - y.lotteryNumber);
    expect(others[0].assignedSchoolId).toBe(a);
    expect(others[1].assignedSchoolId).toBe(c);
    expect(others[2]).toMatchObject({ assignedSchoolId: null, waitlist: [{ schoolId: a, position: 2 }, { schoolId: b, position: 2 }, { schoolId: c, position: 1 }] });

    // a school leader sees only applicants to their school, and no other school's list
    const leader = bearer(['enrollment:read', 'student-records'], { schools: [b] });
    const scoped = await req('GET', `/api/choice/rounds/${round.id}/results`, undefined, leader);
    expect(scoped.body.items.every((r: { choices: { schoolId: string }[] }) => r.choices.some((ch) => ch.schoolId === b))).toBe(true);
    expect((await req('GET', `/api/choice/rounds/${round.id}/results?schoolId=${a}`, undefined, leader)).status).toBe(403);

    // reproducible: the same seed gives the same results
    await ok('POST', `/api/choice/rounds/${round.id}/run`, { seed: 'lottery-2027' });
    const again = (await ok('GET', `/api/choice/rounds/${round.id}/results?limit=10`)).items;
    expect(again.map((r: { applicationId: string }) => r.applicationId).sort()).toEqual(first.map((r) => r.applicationId).sort());
    expect(new Map(again.map((r: { studentId: string; assignedSchoolId: string; lotteryNumber: number }) => [r.studentId, [r.assignedSchoolId, r.lotteryNumber]]))).toEqual(
      new Map(first.map((r) => [r.studentId, [r.assignedSchoolId, r.lotteryNumber]])),
    );

    // the holder of a declines: the seat goes down the chain (c's holder moves up to a, c goes to the unassigned)
    const declined = await ok('POST', `/api/choice/rounds/${round.id}/applications/${others[0].applicationId}/decline`);
    expect(declined.moves).toEqual([
      { studentId: others[1].studentId, fromSchoolId: c, toSchoolId: a },
      { studentId: others[2].studentId, fromSchoolId: null, toSchoolId: c },
    ]);
    const after = (await ok('GET', `/api/choice/rounds/${round.id}/results?limit=10`)).items as { studentId: string; assignedSchoolId: string | null; offerStatus: string | null }[];
    expect(after.find((r) => r.studentId === others[0].studentId)).toMatchObject({ assignedSchoolId: null, offerStatus: 'declined' });
    expect(after.find((r) => r.studentId === others[2].studentId)).toMatchObject({ assignedSchoolId: c, offerStatus: 'offered' });

    // a seat added at a later goes down a's waitlist: the holder of c moves up, c stays empty (its waiter declined)
    const added = await ok('POST', `/api/choice/rounds/${round.id}/programs/${programs[0]}/seats`, { seats: 2 });
    expect(added.moves).toEqual([{ studentId: others[2].studentId, fromSchoolId: c, toSchoolId: a }]);
    expect((await req('POST', `/api/choice/rounds/${round.id}/programs/${programs[0]}/seats`, { seats: 0 })).status).toBe(409);

    expect((await req('POST', `/api/choice/rounds/${round.id}/run`, { seed: 'again' })).status).toBe(409);
    expect((await req('POST', `/api/choice/rounds/${round.id}/programs`, { schoolId: a, grade: 'K', seats: 3 })).status).toBe(409);
    const accepted = await ok('POST', `/api/choice/rounds/${round.id}/applications/${sib.applicationId}/accept`);
    expect(accepted).toEqual({ status: 'accepted' });

    const [event] = await app.get(DataSource).query(`SELECT envelope FROM outbox WHERE subject = 'evt.enrollment.assignment.completed.v1' ORDER BY seq DESC LIMIT 1`);
    expect(event.envelope.data).toMatchObject({ roundId: round.id, seed: 'lottery-2027', applicants: 4, assigned: 3 });
  });

  it('answers enrollment.kpis.get from its aggregates for a range of months: enrolled, utilisation, withdrawals, choice rates', async () => {
    const nc = await connect({ servers: nats.url });
    const ask = async (data: object) => {
      const reply = await nc.request('enrollment.kpis.get', JSON.stringify({ pattern: 'enrollment.kpis.get', data, id: '1' }), { timeout: 3000 });
      return JSON.parse(new TextDecoder().decode(reply.data));
    };
    try {
      const school = (await ok('POST', '/api/schools', { code: 'KPI1', name: 'KPI School', address: 'x', latitude: 42.3, longitude: -71.1, grades: ['3'], capacity: { '3': 4 } })).id;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await ok('POST', '/api/students', { localId: `KPI${i}`, firstName: 'K', lastName: `P${i}`, birthDate: '2018-01-01', grade: '3', address: 'x', latitude: 42.3, longitude: -71.1 })).id);
      }
      const enrollments = [];
      for (const id of ids) enrollments.push(await ok('POST', '/api/enrollments', { studentId: id, schoolId: school, entryDate: '2026-09-02', grade: '3' }));
      await ok('POST', `/api/enrollments/${enrollments[0].id}/withdraw`, { exitDate: '2026-10-15', reason: 'moved' });

      const range = (await ask({ from: '2026-09', to: '2026-10', bySchool: true })).response;
      const mine = (period: string) => range.schools.find((x: { schoolId: string; period: string }) => x.schoolId === school && x.period === period).values;
      expect(mine('2026-10')).toMatchObject({ 'enrollment.enrolled': 2, 'enrollment.seat-utilization': 50, 'enrollment.withdrawals': 1 });
      expect(mine('2026-09')).toMatchObject({ 'enrollment.enrolled': 3, 'enrollment.seat-utilization': 75, 'enrollment.withdrawals': 0 });
      expect(range.periods.map((p: { period: string }) => p.period)).toEqual(['2026-09', '2026-10']);

      // district-wide for the month the round above ran in: its rates come from the round's kept summary
      const now = new Date().toISOString().slice(0, 7);
      const district = (await ask({ from: now, to: now })).response;
      expect(district.schools).toBeUndefined();
      expect(district.periods[0].values).toMatchObject({ 'enrollment.first-choice-rate': expect.any(Number), 'enrollment.any-choice-rate': 75, 'enrollment.waitlist-length': expect.any(Number) });

      expect((await ask({ from: '2026-13', to: '2026-13' })).err).toMatchObject({ status: 400 });
      expect((await ask({ from: '2026-10', to: '2026-09' })).err).toMatchObject({ status: 400 });
      expect((await ask({ from: '2024-01', to: '2026-10' })).err).toMatchObject({ status: 400 });
    } finally {
      await nc.close();
    }
  });

  it('validates rounds, programs and seeds', async () => {
    expect((await req('POST', '/api/choice/rounds', { name: 'x', schoolYear: '2027', entryGrades: ['K'] })).status).toBe(400);
    expect((await req('POST', '/api/choice/rounds', { name: 'x', schoolYear: '2027-28', entryGrades: ['K'], policy: { tiers: ['bribes'] } })).status).toBe(400);
    const round = await ok('POST', '/api/choice/rounds', { name: 'validation', schoolYear: '2027-28', entryGrades: ['6'] });
    const school = (await ok('POST', '/api/schools', { code: 'CHV', name: 'V', address: 'x', latitude: 42.3, longitude: -71.1, grades: ['K'] })).id;
    expect((await req('POST', `/api/choice/rounds/${round.id}/programs`, { schoolId: school, grade: '6', seats: 5 })).status).toBe(422);
    expect((await req('POST', `/api/choice/rounds/${round.id}/programs`, { schoolId: school, grade: 'K', seats: 5 })).status).toBe(422);
    expect((await req('POST', `/api/choice/rounds/${round.id}/run`, { seed: 'bad seed!' })).status).toBe(400);
    expect((await req('GET', `/api/choice/rounds/${round.id}/results`, undefined, bearer(['enrollment:read']))).status).toBe(403);
  });
});
