import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, canSeeSchool, ProblemException } from '@district/service-kit';
import { ProjectionService } from '../projection/projection.service';
import { ReferenceService } from '../reference/reference.service';
import { dateInZone } from '../shared/dates';
import { FOOD_SETTINGS, FoodSettings } from '../settings';
import { DcFileError, parseDirectCertificationCsv } from './domain/direct-certification';
import { decideApplication } from './domain/income-decision';
import { bestOn, Determination } from './domain/timeline';
import { ApplicationDecisionResponse, DeterminationRow, DirectCertificationImportResponse, HouseholdApplicationDto, StudentEligibilityResponse } from './dto/eligibility.dto';
import { TimelineService } from './timeline.service';

/** Eligibility for free and reduced-price meals: direct certification, household applications, history. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly timeline: TimelineService,
    private readonly reference: ReferenceService,
    private readonly projection: ProjectionService,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  today(): string {
    return dateInZone(new Date(), this.settings.timezone);
  }

  /**
   * Imports a direct certification match file in one transaction: matched students are certified free
   * (identified) from the certification date to the end of the school year plus the carry-over, and the
   * certification is extended to their households (sibling links, followed transitively). Rows that name
   * no known student are reported with their line. A file sent again certifies nobody twice.
   */
  async importDirectCertification(csv: string, fileName: string | null, user: AuthUser): Promise<DirectCertificationImportResponse> {
    let parsed;
    try {
      parsed = parseDirectCertificationCsv(csv);
    } catch (err) {
      if (err instanceof DcFileError) throw new ProblemException(422, `direct certification file refused: ${err.message}`);
      throw err;
    }
    const { rows } = parsed;
    const rejected = [...parsed.rejected];
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const known: { id: string; localId: string }[] = await m.query(
        'SELECT id, local_id AS "localId" FROM students WHERE id = ANY($1::uuid[]) OR local_id = ANY($2::text[])',
        [rows.filter((r) => r.studentId).map((r) => r.studentId), rows.filter((r) => r.localId).map((r) => r.localId)],
      );
      const byId = new Set(known.map((k) => k.id));
      const byLocal = new Map(known.map((k) => [k.localId, k.id]));
      const matched: { studentId: string; program: string; from: string; to: string }[] = [];
      for (const r of rows) {
        const id = r.studentId ? (byId.has(r.studentId) ? r.studentId : undefined) : byLocal.get(r.localId!);
        if (!id) rejected.push({ line: r.line, errors: [r.studentId ? `no student with student_id ${r.studentId}` : `no student with local_id ${r.localId}`] });
        else matched.push({ studentId: id, program: r.program, from: r.certifiedOn, to: this.projection.eligibilityEnd(r.certifiedOn) });
      }
      const importId = randomUUID();
      await m.query(
        'INSERT INTO direct_certification_imports (id, file_name, rows, certified, extended, rejected, imported_by) VALUES ($1, $2, $3, 0, 0, $4, $5)',
        [importId, fileName, rows.length + parsed.rejected.length, JSON.stringify(rejected.sort((a, b) => a.line - b.line)), user.sub],
      );
      const certified: { id: string; studentId: string }[] = matched.length
        ? await m.query(
            `INSERT INTO eligibility_determinations (id, student_id, category, basis, program, identified, effective_from, effective_to, import_id)
             SELECT gen_random_uuid(), s, 'free', 'direct-certification', p, true, f, t, $5 FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS x(s, p, f, t)
             ON CONFLICT DO NOTHING RETURNING id, student_id AS "studentId"`,
            [matched.map((x) => x.studentId), matched.map((x) => x.program), matched.map((x) => x.from), matched.map((x) => x.to), importId],
          )
        : [];
      // the household: siblings of siblings, as far as the links go
      const extended: { studentId: string }[] = certified.length
        ? await m.query(
            `WITH RECURSIVE hh(root, member) AS (
               SELECT d.id, d.student_id FROM eligibility_determinations d WHERE d.id = ANY($1::uuid[])
               UNION
               SELECT hh.root, sib FROM hh JOIN students s ON s.id = hh.member CROSS JOIN LATERAL unnest(s.sibling_ids) AS sib
             )
             INSERT INTO eligibility_determinations (id, student_id, category, basis, program, identified, effective_from, effective_to, import_id, extended_from)
             SELECT gen_random_uuid(), hh.member, 'free', 'household-extension', d.program, true, d.effective_from, d.effective_to, $2, d.id
             FROM hh JOIN eligibility_determinations d ON d.id = hh.root JOIN students st ON st.id = hh.member
             WHERE hh.member <> d.student_id
             ON CONFLICT DO NOTHING RETURNING student_id AS "studentId"`,
            [certified.map((c) => c.id), importId],
          )
        : [];
      await m.query('UPDATE direct_certification_imports SET certified = $2, extended = $3 WHERE id = $1', [importId, certified.length, extended.length]);
      await this.timeline.recompute(m, [...certified.map((c) => c.studentId), ...extended.map((e) => e.studentId)]);
      return { id: importId, rows: rows.length + parsed.rejected.length, certified: certified.length, alreadyCertified: matched.length - certified.length, extended: extended.length, rejected: rejected.sort((a, b) => a.line - b.line) };
    });
  }

  /**
   * Decides a household application against the income table in effect on the day it was received, and
   * records the category for each child from that day; an earlier application's decision ends that day
   * (kept in the history). Direct certification, when better, still wins (most beneficial category).
   */
  async decideApplication(dto: HouseholdApplicationDto, user: AuthUser): Promise<ApplicationDecisionResponse> {
    const studentIds = [...new Set(dto.studentIds.map((s) => s.toLowerCase()))];
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const known: { id: string; schoolId: string | null }[] = await m.query('SELECT id, school_id AS "schoolId" FROM students WHERE id = ANY($1::uuid[])', [studentIds]);
      const missing = studentIds.filter((id) => !known.some((k) => k.id === id));
      if (missing.length) throw new ProblemException(422, 'unknown student(s)', { errors: missing.map((id) => ({ field: 'studentIds', message: `no student ${id}` })) });
      for (const k of known) if (!canSeeSchool(user, k.schoolId)) throw new ProblemException(403, 'a student of this household is outside your school scope');
      const found = await this.reference.incomeTableOn(m, dto.receivedOn);
      if (!found) throw new ProblemException(422, `no income eligibility table in effect on or before ${dto.receivedOn}`);
      let decision;
      try {
        decision = decideApplication({ householdSize: dto.householdSize, incomes: dto.incomes, assistanceCaseNumber: dto.assistanceCaseNumber }, found.table.limits);
      } catch (err) {
        throw new ProblemException(422, (err as Error).message);
      }
      const id = randomUUID();
      const effectiveTo = this.projection.eligibilityEnd(dto.receivedOn);
      await m.query(
        `INSERT INTO household_applications (id, student_ids, household_size, incomes, assistance_case_number, received_on, category, decision, income_table_id, provisional, decided_by)
         VALUES ($1, $2::uuid[], $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, studentIds, dto.householdSize, JSON.stringify(dto.incomes), dto.assistanceCaseNumber ?? null, dto.receivedOn, decision.category, JSON.stringify(decision), found.table.id, found.provisional, user.sub],
      );
      // earlier application decisions end where this one starts; later-dated ones are superseded
      await m.query(
        `UPDATE eligibility_determinations SET superseded_at = now() WHERE student_id = ANY($1::uuid[]) AND basis = 'application' AND superseded_at IS NULL AND effective_from >= $2::date`,
        [studentIds, dto.receivedOn],
      );
      await m.query(
        `UPDATE eligibility_determinations SET effective_to = $2::date WHERE student_id = ANY($1::uuid[]) AND basis = 'application' AND superseded_at IS NULL
           AND effective_from < $2::date AND (effective_to IS NULL OR effective_to > $2::date)`,
        [studentIds, dto.receivedOn],
      );
      await m.query(
        `INSERT INTO eligibility_determinations (id, student_id, category, basis, identified, effective_from, effective_to, application_id)
         SELECT gen_random_uuid(), s, $2, 'application', false, $3, $4, $5 FROM unnest($1::uuid[]) AS s`,
        [studentIds, decision.category, dto.receivedOn, effectiveTo, id],
      );
      await this.timeline.recompute(m, studentIds);
      return { id, ...decision, incomeTable: found.table.label, provisional: found.provisional, effectiveFrom: dto.receivedOn, effectiveTo, studentIds };
    });
  }

  /** A student's account, category on `asOf` and full determination history (sensitive: the controller checks roles). */
  async studentEligibility(studentId: string, asOf: string | undefined, user: AuthUser): Promise<StudentEligibilityResponse> {
    const [st]: { localId: string; schoolId: string | null }[] = await this.ds.query('SELECT local_id AS "localId", school_id AS "schoolId" FROM students WHERE id = $1', [studentId]);
    if (!st) throw new ProblemException(404, 'no such student');
    const [account]: { status: string; schoolId: string | null; openedOn: string; closedOn: string | null }[] = await this.ds.query(
      'SELECT status, school_id AS "schoolId", opened_on::text AS "openedOn", closed_on::text AS "closedOn" FROM meal_accounts WHERE student_id = $1',
      [studentId],
    );
    if (!canSeeSchool(user, account?.schoolId ?? st.schoolId)) throw new ProblemException(403, 'this student is outside your school scope');
    const history = await this.history(this.ds.manager, studentId);
    const day = asOf ?? this.today();
    const current = bestOn(history.filter((h) => !h.supersededAt).map((h) => ({ category: h.category, identified: h.identified, from: h.effectiveFrom, to: h.effectiveTo }) as Determination), day);
    return {
      studentId, localId: st.localId, schoolId: account?.schoolId ?? st.schoolId,
      account: account ? { status: account.status, openedOn: account.openedOn, closedOn: account.closedOn } : null,
      asOf: day, ...current, history,
    };
  }

  async history(manager: EntityManager, studentId: string): Promise<(DeterminationRow & { category: Determination['category'] })[]> {
    return manager.query(
      `SELECT id, category, basis, program, identified, effective_from::text AS "effectiveFrom", effective_to::text AS "effectiveTo",
              superseded_at AS "supersededAt", recorded_at AS "recordedAt"
       FROM eligibility_determinations WHERE student_id = $1 ORDER BY effective_from DESC, recorded_at DESC`,
      [studentId],
    );
  }
}
