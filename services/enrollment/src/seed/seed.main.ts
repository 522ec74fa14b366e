import 'reflect-metadata';
import { generateDistrict, readBostonSchoolsCsv, SCALES, Scale } from '@district/seed-data';
import { runSeedCommand } from '@district/service-kit';
import { AppModule } from '../app.module';
import { ChoiceRoundSeeder } from './choice-round-seeder.service';
import { DistrictSeeder } from './district-seeder.service';

/**
 * `npm run seed -- --scale demo|boston|large`: loads the demo district (the real Boston school list with
 * deterministic synthetic students) into enrollment, through the outbox, when it has no students yet; then last
 * spring's kindergarten lottery, so the school-choice KPIs have a round to report.
 */
runSeedCommand({ name: 'enrollment-seed', module: AppModule, scales: Object.keys(SCALES) }, async (app, scale, log) => {
  const district = generateDistrict(readBostonSchoolsCsv(), scale as Scale);
  if (district.rejected.length) log.warn(`${district.rejected.length} school rows not used: ${district.rejected.map((r) => `line ${r.line}: ${r.reason}`).join('; ')}`);
  const result = await app.get(DistrictSeeder).seed(district.schools, district.students, '2026-09-02');
  if (!result.students) return 'enrollment already has students: nothing seeded';
  await app.get(ChoiceRoundSeeder).seed('2026-27', '2026-03-16T14:00:00Z');
  return `seeded ${result.schools} schools and ${result.students} students (${scale})`;
});
