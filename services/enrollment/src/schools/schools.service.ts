import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { EnrollmentEvents, EnrollmentSchoolSummary, Grade, SchoolEnrollmentOverview, SchoolListReply, SchoolListRequest, schoolTypeOf } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, assertSchoolScope, Page, ProblemException } from '@district/service-kit';
import { schoolProblems, schoolSnapshot, seatUtilization, sortGrades } from './domain/school-rules';
import { CreateSchoolDto, SchoolResponse, SchoolUtilizationResponse, UpdateSchoolDto } from './dto/school.dto';
import { School } from './school.entity';

function toResponse(s: School): SchoolResponse {
  const { createdAt: _c, updatedAt: _u, ...rest } = s;
  return { ...rest, grades: sortGrades(s.grades) };
}

@Injectable()
export class SchoolsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
  ) {}

  async create(dto: CreateSchoolDto): Promise<SchoolResponse> {
    const fields = { ...dto, capacity: dto.capacity ?? {} };
    const problems = schoolProblems(fields);
    if (problems.length) throw new ProblemException(400, 'invalid school', { errors: problems });
    return this.uow.run(async (tx) => {
      const school = await tx.manager.save(tx.manager.create(School, { ...fields, grades: sortGrades(fields.grades), version: 1 }));
      tx.publish(EnrollmentEvents.SchoolUpserted, { school: schoolSnapshot(school) });
      return toResponse(school);
    });
  }

  async update(id: string, dto: UpdateSchoolDto): Promise<SchoolResponse> {
    return this.uow.run(async (tx) => {
      const school = await tx.manager.findOne(School, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!school) throw new ProblemException(404, 'no such school');
      const next = { ...school, ...dto, capacity: dto.capacity ?? school.capacity };
      const problems = schoolProblems(next);
      if (problems.length) throw new ProblemException(400, 'invalid school', { errors: problems });
      Object.assign(school, next, { grades: sortGrades(next.grades), version: school.version + 1, updatedAt: new Date() });
      await tx.manager.save(school);
      tx.publish(EnrollmentEvents.SchoolUpserted, { school: schoolSnapshot(school) });
      return toResponse(school);
    });
  }

  async get(id: string, user: AuthUser): Promise<SchoolResponse> {
    assertSchoolScope(user, id);
    const school = await this.ds.getRepository(School).findOneBy({ id });
    if (!school) throw new ProblemException(404, 'no such school');
    return toResponse(school);
  }

  async list(q: { limit: number; offset: number }, user: AuthUser): Promise<Page<SchoolResponse>> {
    const [rows, total] = await this.ds.getRepository(School).findAndCount({
      where: user.schools ? { id: In(user.schools) } : {},
      order: { code: 'ASC' },
      take: q.limit,
      skip: q.offset,
    });
    return { items: rows.map(toResponse), total };
  }

  /** The school and its enrolled students by grade, with seat utilisation (request/reply for the gateway). */
  async overview(id: string): Promise<SchoolEnrollmentOverview> {
    const school = await this.ds.getRepository(School).findOneBy({ id });
    if (!school) throw new ProblemException(404, 'no such school');
    const u = await this.utilizationOf(school);
    const byGrade: Partial<Record<Grade, number>> = {};
    for (const g of u.grades) if (g.enrolled) byGrade[g.grade] = g.enrolled;
    const { version: _v, ...snapshot } = schoolSnapshot(school);
    return { school: snapshot, enrollment: { total: u.total, byGrade, capacity: u.capacity, utilization: u.utilization, grades: u.grades } };
  }

  async utilization(id: string, user: AuthUser): Promise<SchoolUtilizationResponse> {
    assertSchoolScope(user, id);
    const school = await this.ds.getRepository(School).findOneBy({ id });
    if (!school) throw new ProblemException(404, 'no such school');
    const u = await this.utilizationOf(school);
    return { schoolId: id, total: u.total, capacity: u.capacity, utilization: u.utilization, grades: u.grades };
  }

  /** Several schools at once for the gateway's list and overview: one query for the counts, none per school. */
  async summaries(schoolIds: string[]): Promise<Record<string, EnrollmentSchoolSummary>> {
    const schools = await this.ds.getRepository(School).findBy({ id: In(schoolIds) });
    const counts: { schoolId: string; grade: Grade; enrolled: number }[] = await this.ds.query(
      'SELECT school_id AS "schoolId", grade, enrolled FROM enrollment_counts WHERE school_id = ANY($1::uuid[]) AND enrolled > 0',
      [schools.map((x) => x.id)],
    );
    const out: Record<string, EnrollmentSchoolSummary> = {};
    for (const school of schools) {
      const u = seatUtilization(school.grades, school.capacity, Object.fromEntries(counts.filter((c) => c.schoolId === school.id).map((c) => [c.grade, c.enrolled])));
      const byGrade: Partial<Record<Grade, number>> = {};
      for (const g of u.grades) if (g.enrolled) byGrade[g.grade] = g.enrolled;
      const { version: _v, ...snapshot } = schoolSnapshot(school);
      out[school.id] = {
        school: { ...snapshot, type: schoolTypeOf(snapshot.grades) },
        enrollment: { total: u.total, byGrade, capacity: u.capacity, utilization: u.utilization, grades: u.grades },
      };
    }
    return out;
  }

  /**
   * A page of schools by type, grade served or name (request/reply for the gateway's list). Type is derived
   * from the grades, so the filter runs over the district's schools in memory: a few hundred rows.
   */
  async page(q: SchoolListRequest): Promise<SchoolListReply> {
    const needle = q.q?.toLowerCase();
    const all = (await this.ds.getRepository(School).find({ where: q.schoolIds ? { id: In(q.schoolIds) } : {}, order: { code: 'ASC' } }))
      .map((school) => {
        const { version: _v, ...snapshot } = schoolSnapshot(school);
        return { ...snapshot, type: schoolTypeOf(snapshot.grades) };
      })
      .filter((x) => (!q.type || x.type === q.type) && (!q.grade || x.grades.includes(q.grade)))
      .filter((x) => !needle || x.name.toLowerCase().includes(needle) || x.code.toLowerCase().includes(needle));
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
  }

  /** From the maintained enrollment counts, never by counting students. */
  private async utilizationOf(school: School) {
    const rows: { grade: Grade; enrolled: number }[] = await this.ds.query('SELECT grade, enrolled FROM enrollment_counts WHERE school_id = $1 AND enrolled > 0', [school.id]);
    return seatUtilization(school.grades, school.capacity, Object.fromEntries(rows.map((r) => [r.grade, r.enrolled])));
  }
}
