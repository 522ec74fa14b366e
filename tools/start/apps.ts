/** Every app `npm start` runs, in start order. A new department adds its line here. */
export const APPS = [
  { name: 'enrollment', entry: 'services/enrollment/src/main.ts', port: 3001 },
  { name: 'transportation', entry: 'services/transportation/src/main.ts', port: 3002 },
  { name: 'gateway', entry: 'gateway/src/main.ts', port: 3000 },
] as const;
