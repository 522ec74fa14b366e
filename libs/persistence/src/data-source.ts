import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  /** statements running longer are cancelled, so a stuck query cannot hold a request forever */
  statementTimeoutMs?: number;
}

/** TypeORM options every service uses: explicit migrations only, never `synchronize`. */
export function dataSourceOptions(opts: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // query errors reach the problem filter: expected ones (a duplicate code is a 409) are not logged as errors
    logging: false,
    applicationName: opts.applicationName,
    extra: {
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      statement_timeout: opts.statementTimeoutMs ?? 30000,
    },
  };
}

const MIGRATION_LOCK = 7_244_801; // arbitrary, fixed: one migrator per database at a time

/** Runs pending migrations under an advisory lock, so replicas starting together do not race. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
