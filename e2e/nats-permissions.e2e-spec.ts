import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, ConnectionOptions, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { TransportationRpc } from '@district/contracts';
import { applyDeclarations, inboxPrefixOf, loadDeclarations, RpcClient } from '@district/messaging';
import { bearer, createTestDatabase, findBinary, freePort, startService, stopService, waitFor, waitForPort } from '@district/testing';
import { AppModule as EnrollmentApp } from '../services/enrollment/src/app.module';
import { AppModule as TransportationApp } from '../services/transportation/src/app.module';

/**
 * A private nats-server runs deploy/nats/nats.conf with its users (deploy/nats/auth.conf) and the declared
 * streams and consumers (deploy/nats/jetstream, applied as the provisioning step does). A service's
 * credentials are refused on another's subjects, an anonymous connection is refused, and with their own
 * credentials enrollment and transportation do their real work (publish, consume, answer the gateway).
 */
const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.NATS_SERVER_BIN ?? findBinary('nats-server', ['/usr/sbin', '/usr/local/sbin']);
/** every user of deploy/nats/auth.conf and the environment variable its password comes from */
const USERS = [...readFileSync(path.join(ROOT, 'deploy/nats/auth.conf'), 'utf8').matchAll(/user: "?([a-z-]+)"?\s+password: \$([A-Z_]+)/g)].map((m) => ({ user: m[1], variable: m[2] }));
const PASSWORDS = Object.fromEntries(USERS.map(({ user }) => [user, `test-${user}-${randomUUID()}`]));
const PROVISIONER = 'provisioner';
const as = (user: string): ConnectionOptions => ({ user, pass: PASSWORDS[user], inboxPrefix: inboxPrefixOf(user) });

(BIN ? describe : describe.skip)('NATS with the deploy configuration', () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;
  const conns: NatsConnection[] = [];
  const dbs: { drop(): Promise<void> }[] = [];
  let enrollment: NestFastifyApplication | undefined;
  let transportation: NestFastifyApplication | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'district-nats-deploy-'));
    const port = await freePort();
    const version = execFileSync(BIN!, ['--version']).toString().match(/v(\d+)\.(\d+)/)!;
    // deploy/nats/nats.conf with only the port and the storage folder changed (and checked to be changed:
    // this server must never run on another server's storage)
    const replace = (text: string, from: RegExp, to: string) => {
      if (!from.test(text)) throw new Error(`deploy/nats/nats.conf no longer has ${from}: update this test`);
      return text.replace(from, to);
    };
    let conf = readFileSync(path.join(ROOT, 'deploy/nats/nats.conf'), 'utf8');
    conf = replace(conf, /^port: 4222$/m, `port: ${port}`);
    conf = replace(conf, /^http_port: .*$/m, '');
    conf = replace(conf, /^(\s*)store_dir: \/data\/jetstream$/m, `$1store_dir: ${JSON.stringify(path.join(dir, 'js'))}`);
    expect(conf.match(/store_dir/g)).toHaveLength(1);
    // sync_interval needs 2.10; the rest of the file, and auth.conf unchanged, run on older servers too
    if (Number(version[1]) === 2 && Number(version[2]) < 10) conf = replace(conf, /^\s*sync_interval: always$/m, '');
    writeFileSync(path.join(dir, 'nats.conf'), conf);
    copyFileSync(path.join(ROOT, 'deploy/nats/auth.conf'), path.join(dir, 'auth.conf'));
    const env = { ...process.env, NATS_SERVER_NAME: 'deploy-test', ...Object.fromEntries(USERS.map(({ user, variable }) => [variable, PASSWORDS[user]])) };
    server = spawn(BIN!, ['-c', path.join(dir, 'nats.conf')], { env, stdio: 'ignore' });
    await waitForPort(port, 10_000);
    url = `nats://127.0.0.1:${port}`;

    // the provisioning step
    const admin = await connect({ servers: url, ...as(PROVISIONER) });
    await applyDeclarations(await admin.jetstreamManager(), loadDeclarations(path.join(ROOT, 'deploy/nats/jetstream')), { replicas: 1 });
    await admin.close();
  });

  afterAll(async () => {
    await stopService(transportation);
    await stopService(enrollment);
    for (const nc of conns) await nc.close().catch(() => undefined);
    for (const db of dbs) await db.drop();
    if (server) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (user: string) => {
    const nc = await connect({ servers: url, ...as(user) });
    conns.push(nc);
    return nc;
  };
  /** Resolves with the permission error the server reports for what `act` does. */
  const refused = async (nc: NatsConnection, act: () => unknown): Promise<string> => {
    const errors = (async () => {
      for await (const s of nc.status()) {
        const ctx = (s as { permissionContext?: { operation: string; subject: string } }).permissionContext;
        if (s.type === 'error') return `${s.data} ${ctx?.operation} ${ctx?.subject}`;
      }
      return 'no error';
    })();
    await act();
    await nc.flush();
    return Promise.race([errors, new Promise<string>((r) => setTimeout(() => r('no error within 2 s'), 2000))]);
  };

  it('refuses a connection without credentials, and with a wrong password', async () => {
    expect(USERS.map((u) => u.user).sort()).toEqual(['enrollment', 'facilities', 'food', 'gateway', 'labor-relations', 'provisioner', 'technology', 'transportation']);
    await expect(connect({ servers: url })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    await expect(connect({ servers: url, user: 'transportation', pass: 'guess' })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
  });

  it("refuses a service's credentials on another service's subjects", async () => {
    const nc = await open('transportation');
    // publishing another department's events
    expect(await refused(nc, () => nc.publish('evt.enrollment.student.enrolled.v1', 'forged'))).toMatch(/^PERMISSIONS_VIOLATION publish evt\.enrollment\./);
    // answering another department's requests, or reading every request of its own without the queue group
    expect(await refused(nc, () => nc.subscribe('food.kpis.get', { queue: 'food' }))).toMatch(/^PERMISSIONS_VIOLATION subscription food\.kpis\.get$/);
    expect(await refused(nc, () => nc.subscribe('transportation.>'))).toMatch(/^PERMISSIONS_VIOLATION subscription transportation\.>$/);
    // reading replies meant for the gateway (student data)
    expect(await refused(nc, () => nc.subscribe('_INBOX.gateway.>'))).toMatch(/^PERMISSIONS_VIOLATION subscription _INBOX\.gateway\.>$/);
    // changing JetStream, or taking another service's consumer
    expect(await refused(nc, () => nc.publish('$JS.API.STREAM.DELETE.EVT_ENROLLMENT'))).toMatch(/^PERMISSIONS_VIOLATION publish \$JS\.API\.STREAM\.DELETE\.EVT_ENROLLMENT$/);
    expect(await refused(nc, () => nc.publish('$JS.API.CONSUMER.MSG.NEXT.EVT_ENROLLMENT.food', '{"batch":1}'))).toMatch(/^PERMISSIONS_VIOLATION publish \$JS\.API\.CONSUMER\.MSG\.NEXT\.EVT_ENROLLMENT\.food$/);
    // the gateway may ask, but not publish events
    const gw = await open('gateway');
    expect(await refused(gw, () => gw.publish('evt.transportation.eligibility.determined.v1', 'forged'))).toMatch(/^PERMISSIONS_VIOLATION publish evt\.transportation\./);
    // a request subject it is allowed: no violation
    expect(await refused(gw, () => gw.publish('food.kpis.get', '{}'))).toBe('no error within 2 s');
  });

  it('lets each service do its real job with its own credentials', async () => {
    const e = await createTestDatabase('deploy_nats_enrollment');
    const t = await createTestDatabase('deploy_nats_transportation');
    dbs.push(e, t);
    const common = { NATS_URL: url, NATS_PROVISION: 'false' };
    enrollment = await startService(EnrollmentApp, { ...common, DATABASE_URL: e.url, NATS_USER: 'enrollment', NATS_PASSWORD: PASSWORDS.enrollment });
    transportation = await startService(TransportationApp, { ...common, DATABASE_URL: t.url, NATS_USER: 'transportation', NATS_PASSWORD: PASSWORDS.transportation });

    const writer = bearer(['enrollment:write', 'student-records']);
    const post = async (url: string, payload: object) => {
      const res = await enrollment!.inject({ method: 'POST', url, payload, headers: { authorization: writer } });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const school = await post('/api/schools', { code: 'NATS1', name: 'Least Privilege Elementary', address: '1 Main St', latitude: 42.36, longitude: -71.06, grades: ['K', '1'] });
    const student = await post('/api/students', { localId: 'NATS-1', firstName: 'Ada', lastName: 'Lovelace', birthDate: '2019-02-01', grade: '1', address: '9 Far St', latitude: 42.4, longitude: -71.06 });
    await post('/api/enrollments', { studentId: student.id, schoolId: school.id, entryDate: '2026-09-03', grade: '1' });

    // enrollment published on its stream; transportation consumed it with its durable and published its own event
    const tdb = transportation.get(DataSource);
    await waitFor(async () => (await tdb.query(`SELECT 1 FROM eligibility WHERE student_id = $1 AND status <> 'not-enrolled'`, [student.id])).length, { what: 'eligibility determined', timeoutMs: 20_000 });
    await waitFor(async () => (await tdb.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n === 0, { what: "transportation's events published" });

    // the gateway's request is answered by transportation's queue group
    const rpc = new RpcClient(url, 'gateway', 5000, { user: 'gateway', password: PASSWORDS.gateway });
    await rpc.connect();
    try {
      const summary = await rpc.request<{ schoolId: string }>(TransportationRpc.SchoolSummaryGet, { schoolId: school.id });
      expect(summary).toMatchObject({ schoolId: school.id });
    } finally {
      await rpc.close();
    }
  });
});
