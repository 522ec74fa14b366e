import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SchoolSnapshot, StudentSnapshot, TransportationEvents, TransportationSchoolSummary } from '@district/contracts';
import { Tx } from '@district/messaging';
import { AuthUser, Page, scopedSchoolIds } from '@district/service-kit';
import { StopAssignmentsService } from '../assignments/stop-assignments.service';
import { ProjectedSchool } from '../projection/projected-school.entity';
import { ProjectedStudent } from '../projection/projected-student.entity';
import { determineEligibility } from './domain/determine-eligibility';
import { EligibilityPolicy } from './domain/eligibility-policy';
import { EligibilityQuery, EligibilityRow } from './dto/eligibility.dto';
import { Eligibility } from './eligibility.entity';
import { ELIGIBILITY_POLICY } from './eligibility-policy.provider';

type StudentForEligibility = Pick<ProjectedStudent, 'id' | 'grade' | 'latitude' | 'longitude' | 'iepTransportation' | 'mckinneyVento' | 'status' | 'schoolId'>;

type StudentWithContext = StudentForEligibility & { school: Pick<ProjectedSchool, 'id' | 'latitude' | 'longitude'> | null; current: Pick<Eligibility, 'schoolId' | 'status' | 'reason' | 'distanceMiles'> | null };

/** Students of `source` (a table or CTE aliased st) with their projected school and current eligibility. */
const WITH_SCHOOL_AND_CURRENT = (source: string) => `
  SELECT st.id, st.grade, st.latitude, st.longitude, st.iep_transportation AS "iepTransportation", st.mckinney_vento AS "mckinneyVento",
         st.status, st.school_id AS "schoolId",
         CASE WHEN sc.id IS NULL THEN NULL ELSE json_build_object('id', sc.id, 'latitude', sc.latitude, 'longitude', sc.longitude) END AS school,
         CASE WHEN el.student_id IS NULL THEN NULL ELSE json_build_object('schoolId', el.school_id, 'status', el.status, 'reason', el.reason, 'distanceMiles', el.distance_miles) END AS current
  FROM ${source} st LEFT JOIN schools sc ON sc.id = st.school_id LEFT JOIN eligibility el ON el.student_id = st.id`;

/**
 * Keeps the school and student projections from enrollment's events and the eligibility of every
 * student, recomputed whenever enrollment, address, grade or flags change (DOMAIN.md section 2).
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly ds: DataSource,
    @Inject(ELIGIBILITY_POLICY) private readonly policy: EligibilityPolicy,
    private readonly assignments: StopAssignmentsService,
  ) {}

  /** Stores a school snapshot unless an equal or newer one is held; recomputes its students when it moved. */
  async applySchool(tx: Tx, s: SchoolSnapshot): Promise<void> {
    const before = await tx.manager.findOneBy(ProjectedSchool, { id: s.id });
    if (before && before.version >= s.version) return;
    await tx.manager.upsert(ProjectedSchool, { id: s.id, code: s.code, name: s.name, latitude: s.latitude, longitude: s.longitude, grades: s.grades, version: s.version, updatedAt: new Date() }, ['id']);
    const moved = !before || before.latitude !== s.latitude || before.longitude !== s.longitude;
    if (!moved) return;
    // its students with their current eligibility in one query; only those whose eligibility changes are written
    const rows: StudentWithContext[] = await tx.manager.query(`${WITH_SCHOOL_AND_CURRENT('students')} WHERE st.school_id = $1 AND st.status = 'enrolled'`, [s.id]);
    for (const { school, current, ...student } of rows) await this.recompute(tx, student, { school, current });
    // their stops follow at once (set-based over the school's students)
    await this.assignments.reconcile(tx, rows.map((r) => r.id));
  }

  /** Stores a student snapshot unless an equal or newer one is held (events may arrive twice or late), then recomputes. */
  async applyStudent(tx: Tx, s: StudentSnapshot): Promise<void> {
    // one round trip: the upsert, the student's school and its current eligibility
    const rows: StudentWithContext[] = await tx.manager.query(
      `WITH stored AS (
         INSERT INTO students (id, local_id, first_name, last_name, grade, latitude, longitude, iep_transportation, mckinney_vento, status, school_id, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
         ON CONFLICT (id) DO UPDATE SET local_id = EXCLUDED.local_id, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
           grade = EXCLUDED.grade, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, iep_transportation = EXCLUDED.iep_transportation,
           mckinney_vento = EXCLUDED.mckinney_vento, status = EXCLUDED.status, school_id = EXCLUDED.school_id, version = EXCLUDED.version, updated_at = now()
         WHERE students.version < EXCLUDED.version
         RETURNING id, grade, latitude, longitude, iep_transportation, mckinney_vento, status, school_id)
       ${WITH_SCHOOL_AND_CURRENT('stored')}`,
      [s.id, s.localId, s.firstName, s.lastName, s.grade, s.latitude, s.longitude, s.flags.iepTransportation, s.flags.mckinneyVento, s.status, s.schoolId, s.version],
    );
    if (rows.length === 0) return; // stale or repeated snapshot
    const { school, current, ...student } = rows[0];
    await this.recompute(tx, student, { school, current });
    // a transfer, withdrawal, move or eligibility change removes or moves the student's stops in this transaction
    await this.assignments.reconcile(tx, [student.id]);
  }

  /**
   * Determines the student's eligibility from its projected school; stores it and publishes
   * eligibility.determined when it differs from `current`.
   */
  private async recompute(tx: Tx, student: StudentForEligibility, { school, current }: Pick<StudentWithContext, 'school' | 'current'>): Promise<void> {
    let next: Pick<Eligibility, 'schoolId' | 'status' | 'reason' | 'distanceMiles'>;
    if (student.status !== 'enrolled' || !student.schoolId) {
      next = { schoolId: null, status: 'not-enrolled', reason: 'not-enrolled', distanceMiles: null };
    } else {
      if (!school) return; // decided when the school's event arrives
      const d = determineEligibility(
        { grade: student.grade, home: student, school, flags: { iepTransportation: student.iepTransportation, mckinneyVento: student.mckinneyVento } },
        this.policy,
      );
      next = { schoolId: school.id, status: d.status, reason: d.reason, distanceMiles: d.distanceMiles };
    }
    if (current && current.schoolId === next.schoolId && current.status === next.status && current.reason === next.reason && current.distanceMiles === next.distanceMiles) return;
    const determinedAt = new Date();
    await tx.manager.query(
      `INSERT INTO eligibility (student_id, school_id, status, reason, distance_miles, determined_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (student_id) DO UPDATE SET school_id = EXCLUDED.school_id, status = EXCLUDED.status, reason = EXCLUDED.reason,
         distance_miles = EXCLUDED.distance_miles, determined_at = EXCLUDED.determined_at`,
      [student.id, next.schoolId, next.status, next.reason, next.distanceMiles, determinedAt],
    );
    tx.publish(TransportationEvents.EligibilityDetermined, { studentId: student.id, ...next, determinedAt: determinedAt.toISOString() });
  }

  async list(q: EligibilityQuery, user: AuthUser): Promise<Page<EligibilityRow>> {
    const schools = scopedSchoolIds(user, q.schoolId);
    const where: string[] = [];
    const params: unknown[] = [];
    if (schools) where.push(`e.school_id = ANY($${params.push(schools)}::uuid[])`);
    if (q.status) where.push(`e.status = $${params.push(q.status)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM eligibility e ${clause}`, params);
    const items: EligibilityRow[] = await this.ds.query(
      `SELECT e.student_id AS "studentId", s.local_id AS "localId", s.first_name AS "firstName", s.last_name AS "lastName", s.grade,
              e.school_id AS "schoolId", e.status, e.reason, e.distance_miles AS "distanceMiles", e.determined_at AS "determinedAt"
       FROM eligibility e JOIN students s ON s.id = e.student_id ${clause}
       ORDER BY s.last_name, s.first_name, e.student_id LIMIT $${params.push(q.limit)} OFFSET $${params.push(q.offset)}`,
      params,
    );
    return { items, total };
  }

  /** Riders by eligibility at one school (request/reply for the gateway). */
  async schoolSummary(manager: EntityManager, schoolId: string): Promise<TransportationSchoolSummary> {
    const rows: { status: string; n: number }[] = await manager.query(
      'SELECT status, count(*)::int AS n FROM eligibility WHERE school_id = $1 GROUP BY status',
      [schoolId],
    );
    const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return { schoolId, eligibleRiders: count('yellow-bus'), transitPass: count('transit-pass'), notEligible: count('not-eligible') };
  }
}
