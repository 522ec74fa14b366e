import { randomUUID } from 'node:crypto';
import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, createTestDatabase, startNats, startService, stopService, TestNats } from '@district/testing';
import { ROLES } from '@district/contracts';
import { AppModule as Enrollment } from '../services/enrollment/src/app.module';
import { AppModule as Facilities } from '../services/facilities/src/app.module';
import { AppModule as Food } from '../services/food/src/app.module';
import { AppModule as LaborRelations } from '../services/labor-relations/src/app.module';
import { AppModule as Technology } from '../services/technology/src/app.module';
import { AppModule as Transportation } from '../services/transportation/src/app.module';
import { AppModule as Gateway } from '../gateway/src/app.module';

const APPS: [string, Type][] = [
  ['enrollment', Enrollment], ['transportation', Transportation], ['food', Food], ['facilities', Facilities],
  ['technology', Technology], ['labor-relations', LaborRelations], ['gateway', Gateway],
];
// every role there is: what is refused then is refused for its input, not for want of a role
const everything = bearer([...Object.values(ROLES)]);

const BAD_IDS = ['not-a-uuid', randomUUID(), '-1', '0', 'x'.repeat(300), '%00', '1e999'];
const BAD_VALUES: unknown[] = ['', 'abc', -1, 0, 1e308, '99999999999999999999', '2026-13-45', '2026-02-30', 'T', true, null, [], {}, 'x'.repeat(5000), '../../etc/passwd', "'; DROP TABLE x; --"];

/** Bodies that are wrong in shape or in every documented field, from the operation's own schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function badBodies(schema: any, components: any): unknown[] {
  const resolved = schema?.$ref ? components.schemas[schema.$ref.split('/').pop()] : schema;
  const bodies: unknown[] = [{}, [], 'text', 42, null, { a: { b: { c: { d: [1, [2, [3]]] } } } }];
  const props = Object.keys(resolved?.properties ?? {});
  for (const v of BAD_VALUES) bodies.push(Object.fromEntries(props.map((p) => [p, v])));
  if (resolved?.type === 'array' || schema?.type === 'array') for (const v of BAD_VALUES) bodies.push([v, { x: v }]);
  return bodies;
}

/**
 * Hostile input against every documented route of every app (from each app's own OpenAPI document):
 * malformed ids, query values and bodies must be answered with a 4xx problem, never a 500.
 */
describe('hostile input never gets a 500', () => {
  let nats: TestNats;
  const apps: [string, NestFastifyApplication][] = [];
  const dbs: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    nats = await startNats();
    for (const [name, module] of APPS) {
      const db = await createTestDatabase(`hostile_${name.replace(/-/g, '_')}`);
      dbs.push(db);
      apps.push([name, await startService(module, { DATABASE_URL: db.url, NATS_URL: nats.url, DEPARTMENT_TIMEOUT_MS: '300' })]);
    }
  }, 180_000);

  afterAll(async () => {
    for (const [, app] of apps) await stopService(app);
    await nats?.stop();
    for (const db of dbs) await db.drop();
  }, 60_000);

  it.each(APPS.map(([name]) => name))('%s', async (name) => {
    const app = apps.find(([n]) => n === name)![1];
    const doc = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    // one line per route and outcome, with the first input that caused it
    const failures = new Map<string, string>();
    let requests = 0;
    let route = '';
    const fail = (outcome: string, example: string) => failures.has(`${route} → ${outcome}`) || failures.set(`${route} → ${outcome}`, example.slice(0, 300));
    const send = async (method: string, url: string, payload?: unknown) => {
      requests++;
      const res = await app.inject({ method: method.toUpperCase() as 'GET', url, payload: payload === undefined ? undefined : JSON.stringify(payload), headers: { authorization: everything, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) } });
      const input = `${url.slice(0, 120)} ${payload === undefined ? '' : JSON.stringify(payload).slice(0, 120)}`;
      if (res.statusCode >= 500 && res.statusCode !== 503) fail(String(res.statusCode), `${input} → ${res.body.slice(0, 150)}`);
      else if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) fail(`${res.statusCode} without problem+json`, input);
    };
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: unknown }> } }>>)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        route = `${method.toUpperCase()} ${path}`;
        const withIds = (id: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
        const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const id of path.includes('{') ? BAD_IDS : ['']) {
          const base = path.includes('{') ? withIds(id) : path;
          if (method === 'get' || method === 'delete') {
            await send(method, base);
            for (const v of BAD_VALUES) if (queryNames.length) await send(method, `${base}?${queryNames.map((q) => `${q}=${encodeURIComponent(String(v))}`).join('&')}`);
          } else {
            const schema = op.requestBody?.content?.['application/json']?.schema;
            for (const body of badBodies(schema, doc.components)) await send(method, base, body);
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(10);
    expect(Object.fromEntries(failures)).toEqual({});
  }, 300_000);
});
