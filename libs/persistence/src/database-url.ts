/**
 * DATABASE_URL may name a server only (`postgres://user@host:5432`): each service then uses its own
 * database on it. When the URL names a database, that one is used as given (DESIGN.md section 1).
 */
export function resolveDatabaseUrl(url: string, defaultDatabase: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = `/${defaultDatabase}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`database name "${name}" must be letters, digits and underscores (at most 63)`);
  }
  return name;
}

/** Same server, the `postgres` maintenance database: where CREATE DATABASE runs. */
export function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

/** The URL with any password replaced, fit for logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
