import { Inject, Injectable } from '@nestjs/common';
import { SchoolSnapshot, StudentSnapshot } from '@district/contracts';
import { Tx } from '@district/messaging';
import { TimelineService } from '../eligibility/timeline.service';
import { addDays, schoolYearOf } from '../shared/dates';
import { FOOD_SETTINGS, FoodSettings } from '../settings';

/**
 * Food's copy of enrollment's schools and students (version-guarded: an older or repeated snapshot
 * changes nothing) and the meal accounts they imply: open from the day a student is enrolled, moved on a
 * transfer, closed on withdrawal. A McKinney-Vento flag is categorical free eligibility; a student
 * arriving in a household with a direct certification gets the household extension.
 */
@Injectable()
export class ProjectionService {
  constructor(
    private readonly timeline: TimelineService,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  async applySchool(tx: Tx, s: SchoolSnapshot): Promise<void> {
    await tx.manager.query(
      `INSERT INTO schools (id, code, name, grades, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, grades = EXCLUDED.grades, version = EXCLUDED.version, updated_at = now()
       WHERE schools.version < EXCLUDED.version`,
      [s.id, s.code, s.name, s.grades, s.version],
    );
  }

  /** `date`: the day the change takes effect (entry or exit date, or the event's day for an update). */
  async applyStudent(tx: Tx, s: StudentSnapshot, date: string): Promise<void> {
    const stored: unknown[] = await tx.manager.query(
      `INSERT INTO students (id, local_id, first_name, last_name, grade, sibling_ids, mckinney_vento, status, school_id, version)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET local_id = EXCLUDED.local_id, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
         grade = EXCLUDED.grade, sibling_ids = EXCLUDED.sibling_ids, mckinney_vento = EXCLUDED.mckinney_vento, status = EXCLUDED.status,
         school_id = EXCLUDED.school_id, version = EXCLUDED.version, updated_at = now()
       WHERE students.version < EXCLUDED.version
       RETURNING id`,
      [s.id, s.localId, s.firstName, s.lastName, s.grade, s.siblingIds, s.flags.mckinneyVento, s.status, s.schoolId, s.version],
    );
    if (!stored.length) return; // stale or repeated snapshot
    await this.applyAccount(tx, s, date);
    await this.applyCategorical(tx, s, date);
    await this.extendHousehold(tx, s, date);
    await this.timeline.recompute(tx.manager, [s.id]);
  }

  private async applyAccount(tx: Tx, s: StudentSnapshot, date: string): Promise<void> {
    const [open]: { schoolId: string; from: string }[] = await tx.manager.query(
      `SELECT school_id AS "schoolId", from_date::text AS "from" FROM account_spells WHERE student_id = $1 AND to_date IS NULL`,
      [s.id],
    );
    const close = async () => {
      if (open) await tx.manager.query('UPDATE account_spells SET to_date = greatest(from_date, $2::date) WHERE student_id = $1 AND to_date IS NULL', [s.id, date]);
    };
    if (s.status === 'enrolled' && s.schoolId) {
      if (open?.schoolId !== s.schoolId) {
        await close();
        await tx.manager.query('INSERT INTO account_spells (student_id, school_id, from_date) VALUES ($1, $2, $3)', [s.id, s.schoolId, date]);
      }
      await tx.manager.query(
        `INSERT INTO meal_accounts (student_id, school_id, status, opened_on) VALUES ($1, $2, 'open', $3)
         ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, status = 'open',
           opened_on = CASE WHEN meal_accounts.status = 'open' THEN meal_accounts.opened_on ELSE EXCLUDED.opened_on END,
           closed_on = NULL, updated_at = now()`,
        [s.id, s.schoolId, date],
      );
    } else {
      await close();
      await tx.manager.query(
        `UPDATE meal_accounts SET status = 'closed', closed_on = $2, updated_at = now() WHERE student_id = $1 AND status = 'open'`,
        [s.id, date],
      );
    }
  }

  /** The end (exclusive) of eligibility that starts on `date`: the school year's end plus the carry-over. */
  eligibilityEnd(date: string): string {
    return addDays(schoolYearOf(date).next, this.settings.carryoverDays);
  }

  /** McKinney-Vento (homeless) students are categorically free and identified (DOMAIN.md section 3 and 7, flow 3). */
  private async applyCategorical(tx: Tx, s: StudentSnapshot, date: string): Promise<void> {
    const active: { id: string }[] = await tx.manager.query(
      `SELECT id FROM eligibility_determinations WHERE student_id = $1 AND basis = 'categorical' AND program = 'HOMELESS' AND superseded_at IS NULL
         AND (effective_to IS NULL OR effective_to > $2::date)`,
      [s.id, date],
    );
    if (s.flags.mckinneyVento && !active.length) {
      await tx.manager.query(
        `INSERT INTO eligibility_determinations (id, student_id, category, basis, program, identified, effective_from, effective_to)
         VALUES (gen_random_uuid(), $1, 'free', 'categorical', 'HOMELESS', true, $2, $3)`,
        [s.id, date, this.eligibilityEnd(date)],
      );
    } else if (!s.flags.mckinneyVento && active.length) {
      // the flag was cleared: eligibility ends that day (kept as history)
      await tx.manager.query(
        `UPDATE eligibility_determinations SET effective_to = greatest($2::date, effective_from + 1) WHERE id = ANY($1::uuid[])`,
        [active.map((a) => a.id), date],
      );
    }
  }

  /** A student joining a household with a direct certification in effect is extended it (USDA: it covers the household). */
  private async extendHousehold(tx: Tx, s: StudentSnapshot, date: string): Promise<void> {
    if (!s.siblingIds.length) return;
    await tx.manager.query(
      `INSERT INTO eligibility_determinations (id, student_id, category, basis, program, identified, effective_from, effective_to, extended_from)
       SELECT gen_random_uuid(), $1, 'free', 'household-extension', d.program, true, greatest(d.effective_from, $3::date), d.effective_to, d.id
       FROM eligibility_determinations d
       WHERE d.student_id = ANY($2::uuid[]) AND d.basis = 'direct-certification' AND d.superseded_at IS NULL
         AND (d.effective_to IS NULL OR d.effective_to > $3::date)
       ON CONFLICT DO NOTHING`,
      [s.id, s.siblingIds, date],
    );
  }
}
