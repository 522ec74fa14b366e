import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { haversineMiles } from '@district/contracts';
import { mulberry32 } from '@district/seed-data';
import { ChoiceService } from '../choice/choice.service';

/**
 * The demo district's last kindergarten-entry lottery: every kindergartner applied in the spring, ranking the
 * school they attend first most of the time and two schools near home after it; seats slightly fewer than
 * applicants at each school, so waitlists exist. Run through the real ChoiceService (deferred acceptance),
 * then dated to the spring it represents, so the choice KPIs have values for this school year's months.
 */
@Injectable()
export class ChoiceRoundSeeder {
  private readonly log = new Logger('ChoiceRoundSeeder');

  constructor(
    private readonly choice: ChoiceService,
    private readonly ds: DataSource,
  ) {}

  async seed(schoolYear: string, ranAt: string): Promise<{ applicants: number } | null> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM choice_rounds`);
    if (n > 0) return null;
    const schools: { id: string; latitude: number; longitude: number; seatsK: number | null }[] = await this.ds.query(
      `SELECT id, latitude, longitude, (capacity->>'K')::int AS "seatsK" FROM schools WHERE 'K' = ANY(grades) ORDER BY code`,
    );
    const kids: { id: string; schoolId: string; latitude: number; longitude: number }[] = await this.ds.query(
      `SELECT id, school_id AS "schoolId", latitude, longitude FROM students WHERE grade = 'K' AND school_id IS NOT NULL ORDER BY local_id`,
    );
    if (schools.length < 3 || kids.length === 0) return null;
    const random = mulberry32(2026);
    const round = await this.choice.createRound({ name: 'Kindergarten entry', schoolYear, entryGrades: ['K'] });
    const applicants = new Map<string, number>();
    for (const k of kids) applicants.set(k.schoolId, (applicants.get(k.schoolId) ?? 0) + 1);
    for (const s of schools) {
      // about nine seats for every ten who attend now, so the popular schools turn applicants away
      const seats = Math.max(1, Math.floor((applicants.get(s.id) ?? 1) * 0.9));
      await this.choice.addProgram(round.id, { schoolId: s.id, grade: 'K', seats });
    }
    for (const k of kids) {
      const near = schools
        .filter((s) => s.id !== k.schoolId)
        .map((s) => ({ id: s.id, miles: haversineMiles(k.latitude, k.longitude, s.latitude, s.longitude) }))
        .sort((a, b) => a.miles - b.miles)
        .slice(0, 2)
        .map((s) => s.id);
      const choices = random() < 0.75 ? [k.schoolId, ...near] : [...near, k.schoolId];
      await this.choice.addApplication(round.id, { studentId: k.id, grade: 'K', choices });
    }
    await this.choice.run(round.id, `demo-${schoolYear}`);
    await this.ds.query(`UPDATE choice_rounds SET run_at = $2 WHERE id = $1`, [round.id, ranAt]);
    this.log.log(`ran the demo kindergarten lottery for ${kids.length} applicants`);
    return { applicants: kids.length };
  }
}
