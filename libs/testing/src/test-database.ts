import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@district/persistence';

/** A fresh database with a unique name on the test server; `drop` removes it. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest.config.js (its global setup finds a server)');
  const name = `t_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`.slice(0, 63);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  await ensureDatabase(url);
  return { url, name, drop: () => dropDatabase(url) };
}
