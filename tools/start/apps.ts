/**
 * Every app `npm start` runs, in start order. A new department adds its line here.
 * `seed`: the department's demo-data seeder (`--scale demo|boston|large`), run by `npm run seed` and
 * `npm start` after enrollment's seed, when the department's own tables are empty.
 */
export interface AppEntry {
  name: string;
  entry: string;
  port: number;
  seed?: string;
}

export const APPS: readonly AppEntry[] = [
  { name: 'enrollment', entry: 'services/enrollment/src/main.ts', port: 3001, seed: 'services/enrollment/src/seed/seed.main.ts' },
  { name: 'transportation', entry: 'services/transportation/src/main.ts', port: 3002 },
  { name: 'facilities', entry: 'services/facilities/src/main.ts', port: 3004, seed: 'services/facilities/src/seed/seed.main.ts' },
  { name: 'gateway', entry: 'gateway/src/main.ts', port: 3000 },
];
