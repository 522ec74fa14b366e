import { Client } from 'pg';
import { databaseNameOf, maintenanceUrl } from './database-url';

/** Creates the database named in `url` when it does not exist yet. Safe to run from many processes at once. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      // identifiers cannot be bound as parameters; databaseNameOf() has checked the name
      await client.query(`CREATE DATABASE "${name}"`);
      return true;
    } catch (err) {
      // 42P04 duplicate_database / 23505: another process created it between our check and create
      const code = (err as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
