import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page } from '@district/service-kit';

export interface StudentAccess {
  actor: string;
  actorRoles: string[];
  actorSchools: string[] | null;
  studentId: string;
  schoolId: string | null;
  /** the sections or fields shown, e.g. `enrollment`, `food.eligibility` */
  fields: string[];
  /** what was asked, e.g. `GET /api/students/:id/overview` */
  purpose: string;
  requestId: string;
}

export interface StudentAccessEntry extends StudentAccess {
  seq: number;
  at: string;
  hash: string;
}

export interface AccessQuery {
  studentId?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/**
 * The FERPA record of who read which student's record (34 CFR 99.32). Append-only: the database refuses
 * updates and deletes and chains every entry's hash to the previous one (ADR 0026). A read whose entry
 * cannot be written must fail, so `record` throws and callers write it before they answer.
 */
@Injectable()
export class StudentAccessLog {
  constructor(private readonly ds: DataSource) {}

  async record(a: StudentAccess): Promise<void> {
    await this.ds.query(
      `INSERT INTO student_record_access (actor, actor_roles, actor_schools, student_id, school_id, fields, purpose, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', '')`,
      [a.actor, a.actorRoles, a.actorSchools, a.studentId, a.schoolId, a.fields, a.purpose, a.requestId],
    );
  }

  async list(q: AccessQuery): Promise<Page<StudentAccessEntry>> {
    const where = `($1::uuid IS NULL OR student_id = $1) AND ($2::text IS NULL OR actor = $2)
                   AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)`;
    const params = [q.studentId ?? null, q.actor ?? null, q.from ?? null, q.to ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM student_record_access WHERE ${where}`, params);
    const items = await this.ds.query(
      `SELECT seq::int, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, actor_roles AS "actorRoles", actor_schools AS "actorSchools",
              student_id AS "studentId", school_id AS "schoolId", fields, purpose, request_id AS "requestId", hash
       FROM student_record_access WHERE ${where} ORDER BY seq DESC LIMIT $5 OFFSET $6`,
      [...params, q.limit, q.offset],
    );
    return { items, total };
  }

  /** Recomputes the chain: the first entry whose stored hash is not what its content and predecessor give, if any. */
  async verify(): Promise<{ entries: number; intact: boolean; firstBrokenSeq: number | null }> {
    const [r] = await this.ds.query(`
      WITH chain AS (
        SELECT seq, hash, prev_hash, lag(hash, 1, 'genesis') OVER (ORDER BY seq) AS expected_prev,
               encode(sha256(convert_to(concat_ws('|', prev_hash, seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                 actor, array_to_string(actor_roles, ','), coalesce(array_to_string(actor_schools, ','), ''), student_id,
                 coalesce(school_id::text, ''), array_to_string(fields, ','), purpose, request_id), 'UTF8')), 'hex') AS recomputed
        FROM student_record_access)
      SELECT count(*)::int AS entries, min(seq) FILTER (WHERE hash <> recomputed OR prev_hash <> expected_prev)::int AS broken FROM chain`);
    return { entries: r.entries, intact: r.broken === null, firstBrokenSeq: r.broken };
  }
}
