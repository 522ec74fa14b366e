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
  { name: 'transportation', entry: 'services/transportation/src/main.ts', port: 3002, seed: 'services/transportation/src/seed/seed.main.ts' },
  { name: 'food', entry: 'services/food/src/main.ts', port: 3003, seed: 'services/food/src/seed/seed.main.ts' },
  { name: 'facilities', entry: 'services/facilities/src/main.ts', port: 3004, seed: 'services/facilities/src/seed/seed.main.ts' },
  { name: 'technology', entry: 'services/technology/src/main.ts', port: 3005, seed: 'services/technology/src/seed/seed.main.ts' },
  { name: 'labor-relations', entry: 'services/labor-relations/src/main.ts', port: 3006, seed: 'services/labor-relations/src/seed/seed.main.ts' },
  { name: 'gateway', entry: 'gateway/src/main.ts', port: 3000 },
];
