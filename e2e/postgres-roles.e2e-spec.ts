import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { findBinary } from '@district/testing';

/**
 * deploy/postgres/init.sh, the script docker compose and the Kubernetes `postgres-init` Job run: each
 * service's role reaches its own database and no other, and cannot create databases or roles. Run against
 * the test server with unique role and database names (dropped afterwards); safe to run twice.
 */
const psql = findBinary('psql', ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin']);
(psql ? describe : describe.skip)('Postgres role per service (deploy/postgres/init.sh)', () => {
  const admin = new URL(process.env.TEST_DATABASE_URL!);
  const prefix = `t_roles_${randomBytes(3).toString('hex')}_`;
  const services = ['transportation', 'labor_relations'];
  const url = (role: string, db: string) => {
    const u = new URL(admin.toString());
    u.username = role;
    u.password = `pw-${role}`;
    u.pathname = `/${db}`;
    return u.toString();
  };
  const run = () =>
    execFileSync('bash', [path.resolve(__dirname, '../deploy/postgres/init.sh')], {
      env: {
        PATH: `${path.dirname(psql!)}:${process.env.PATH}`,
        PGHOST: admin.hostname,
        PGPORT: admin.port || '5432',
        PGUSER: decodeURIComponent(admin.username) || 'postgres',
        PGPASSWORD: decodeURIComponent(admin.password),
        DISTRICT_SERVICES: 'transportation labor-relations',
        DATABASE_PREFIX: prefix,
        ROLE_PREFIX: prefix,
        POSTGRES_TRANSPORTATION_PASSWORD: `pw-${prefix}transportation`,
        POSTGRES_LABOR_RELATIONS_PASSWORD: `pw-${prefix}labor_relations`,
      },
    }).toString();
  const as = async (role: string, db: string, sql: string) => {
    const c = new Client({ connectionString: url(`${prefix}${role}`, `${prefix}${db}`) });
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end();
    }
  };

  afterAll(async () => {
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    for (const s of services) await c.query(`DROP DATABASE IF EXISTS "${prefix}${s}" WITH (FORCE)`);
    for (const s of services) await c.query(`DROP ROLE IF EXISTS "${prefix}${s}"`);
    await c.end();
  });

  it('gives each service a role that owns its database and can reach no other', async () => {
    expect(run()).toContain(`role ${prefix}labor_relations owns database ${prefix}labor_relations`);
    expect(run()).toContain(`role ${prefix}transportation owns database ${prefix}transportation`); // idempotent

    // its own database: it can migrate (create tables) and use them
    await as('transportation', 'transportation', 'CREATE TABLE t (id int)');
    expect((await as('transportation', 'transportation', 'SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    // another service's database: refused at connection
    await expect(as('transportation', 'labor_relations', 'SELECT 1')).rejects.toThrow(/permission denied for database/);
    await expect(as('labor_relations', 'transportation', 'SELECT 1')).rejects.toThrow(/permission denied for database/);
    // no creating databases or roles
    await expect(as('transportation', 'transportation', `CREATE DATABASE "${prefix}other"`)).rejects.toThrow(/permission denied/);
    await expect(as('transportation', 'transportation', `CREATE ROLE "${prefix}other"`)).rejects.toThrow(/permission denied/);
  });
});
