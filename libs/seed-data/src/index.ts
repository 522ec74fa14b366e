import { readFileSync } from 'node:fs';
import path from 'node:path';

export * from './csv';
export * from './district-generator';

/** The Boston Public Schools list shipped with the project (provenance in data/PROVENANCE.md). */
export function readBostonSchoolsCsv(): string {
  return readFileSync(path.join(__dirname, 'data', 'boston-public-schools-2018.csv'), 'utf8');
}
