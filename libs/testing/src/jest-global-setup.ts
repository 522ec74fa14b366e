import { startPostgres, TestPostgres } from './postgres-server';

/** Jest global setup: one PostgreSQL server for the whole run; suites make their own databases on it. */
export default async function globalSetup(): Promise<void> {
  const pg = await startPostgres();
  (globalThis as { __districtPg?: TestPostgres }).__districtPg = pg;
  process.env.TEST_DATABASE_URL = pg.url;
}
