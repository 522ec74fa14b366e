import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats, waitFor } from '@district/testing';
import { AppModule as EnrollmentApp } from '../services/enrollment/src/app.module';
import { AppModule as FoodApp } from '../services/food/src/app.module';

const writer = bearer(['enrollment:write', 'student-records']);

/** DOMAIN.md section 7, flows 1 and 2: enrolling opens the meal account, withdrawing closes it (real enrollment, outbox, JetStream). */
describe('enrollment to food meal accounts', () => {
  let nats: TestNats;
  let enrollment: NestFastifyApplication;
  let food: NestFastifyApplication;
  let fdb: DataSource;
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    const e = await createTestDatabase('flow_food_enrollment');
    const f = await createTestDatabase('flow_food');
    dbs.push(e, f);
    enrollment = await startService(EnrollmentApp, { DATABASE_URL: e.url, NATS_URL: nats.url });
    food = await startService(FoodApp, { DATABASE_URL: f.url, NATS_URL: nats.url });
    fdb = food.get(DataSource);
  });

  afterAll(async () => {
    await stopService(food);
    await stopService(enrollment);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  });

  const post = async (url: string, payload: object) => {
    const res = await enrollment.inject({ method: 'POST', url, payload, headers: { authorization: writer } });
    return { status: res.statusCode, body: res.json() };
  };
  const account = async (studentId: string) =>
    (await fdb.query(`SELECT status, school_id AS "schoolId", opened_on::text AS "openedOn", closed_on::text AS "closedOn" FROM meal_accounts WHERE student_id = $1`, [studentId]))[0];

  it('opens the meal account on enrollment and closes it on withdrawal', async () => {
    const school = await post('/api/schools', { code: `FD${randomUUID().slice(0, 6)}`, name: 'Food Flow School', address: '1 City Hall Sq', latitude: 42.36, longitude: -71.06, grades: ['K', '1', '2'] });
    expect(school.status).toBe(201);
    const student = await post('/api/students', { localId: `L${randomUUID().slice(0, 8)}`, firstName: 'Ana', lastName: 'Silva', birthDate: '2019-05-01', grade: '1', address: '1 Test St', latitude: 42.37, longitude: -71.06 });
    const enrolled = await post('/api/enrollments', { studentId: student.body.id, schoolId: school.body.id, entryDate: '2026-09-03', grade: '1' });
    expect(enrolled.status).toBe(201);
    expect(await waitFor(() => account(student.body.id), { what: 'meal account' })).toEqual({ status: 'open', schoolId: school.body.id, openedOn: '2026-09-03', closedOn: null });
    expect((await post(`/api/enrollments/${enrolled.body.id}/withdraw`, { exitDate: '2026-10-15', reason: 'moved' })).status).toBe(200);
    await waitFor(async () => (await account(student.body.id))?.status === 'closed', { what: 'meal account closed' });
    expect(await account(student.body.id)).toMatchObject({ closedOn: '2026-10-15' });
  });
});
