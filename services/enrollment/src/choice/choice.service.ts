import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { EnrollmentEvents } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { School } from '../schools/school.entity';
import { Student } from '../students/student.entity';
import { ChoiceApplicationRow, ChoiceProgramRow, ChoiceResultRow, ChoiceRound } from './choice.entities';
import { choiceRoundProblems, ChoiceRoundInput, priorityKey, runChoiceRound } from './domain/choice-round';
import { ChoiceApplicant, DEFAULT_PRIORITY_POLICY, policyProblems, PriorityPolicy, reservedBlocksProblems, ReservedBlock } from './domain/priority-policy';
import { summarizeRound } from './domain/round-summary';
import { declineOffer, releaseSeat, SeatMove, SeatState, waitlistPositions } from './domain/waitlist';

export interface SeatMovesResponse {
  status: string;
  moves: { studentId: string; fromSchoolId: string | null; toSchoolId: string }[];
}
import { CreateApplicationDto, CreateProgramDto, CreateRoundDto, ResultRow, ResultsQuery, RunSummaryResponse } from './dto/choice.dto';

const INSERT_CHUNK = 1000;

/**
 * School choice rounds (DOMAIN.md section 1): programs and applications are collected while the round is
 * open; a run draws the lottery from the recorded seed, runs student-proposing deferred acceptance and
 * stores every applicant's result; declined offers move the waitlists.
 */
@Injectable()
export class ChoiceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
  ) {}

  async createRound(dto: CreateRoundDto): Promise<ChoiceRound> {
    const policy = (dto.policy ?? DEFAULT_PRIORITY_POLICY) as PriorityPolicy;
    const problems = policyProblems(policy);
    if (problems.length) throw new ProblemException(400, 'invalid priority policy', { errors: problems.map((message) => ({ field: 'policy', message })) });
    return this.uow.run((tx) => tx.manager.save(tx.manager.create(ChoiceRound, { ...dto, policy, status: 'open', seed: null, runAt: null })));
  }

  async getRound(id: string): Promise<ChoiceRound> {
    const round = await this.ds.getRepository(ChoiceRound).findOneBy({ id });
    if (!round) throw new ProblemException(404, 'no such choice round');
    return round;
  }

  async addProgram(roundId: string, dto: CreateProgramDto): Promise<ChoiceProgramRow> {
    return this.uow.run(async (tx) => {
      const round = await this.openRound(tx.manager, roundId);
      if (!round.entryGrades.includes(dto.grade)) throw new ProblemException(422, `grade ${dto.grade} is not an entry grade of this round`);
      const school = await tx.manager.findOneBy(School, { id: dto.schoolId });
      if (!school) throw new ProblemException(422, 'no such school', { errors: [{ field: 'schoolId', message: 'must be a school on record' }] });
      if (!school.grades.includes(dto.grade)) throw new ProblemException(422, `the school does not serve grade ${dto.grade}`);
      const blocks = (dto.reservedBlocks ?? null) as ReservedBlock[] | null;
      const problems = reservedBlocksProblems(blocks ?? undefined, dto.seats, round.policy);
      if (problems.length) throw new ProblemException(400, 'invalid reserved blocks', { errors: problems.map((message) => ({ field: 'reservedBlocks', message })) });
      return tx.manager.save(tx.manager.create(ChoiceProgramRow, { roundId, schoolId: dto.schoolId, grade: dto.grade, seats: dto.seats, reservedBlocks: blocks }));
    });
  }

  async addApplication(roundId: string, dto: CreateApplicationDto): Promise<ChoiceApplicationRow> {
    return this.uow.run(async (tx) => {
      const round = await this.openRound(tx.manager, roundId);
      if (!round.entryGrades.includes(dto.grade)) throw new ProblemException(422, `grade ${dto.grade} is not an entry grade of this round`);
      if (!(await tx.manager.existsBy(Student, { id: dto.studentId }))) throw new ProblemException(422, 'no such student', { errors: [{ field: 'studentId', message: 'must be a student on record' }] });
      const programs = await tx.manager.findBy(ChoiceProgramRow, { roundId, grade: dto.grade, schoolId: In(dto.choices) });
      const missing = dto.choices.filter((c) => !programs.some((p) => p.schoolId === c));
      if (missing.length) {
        throw new ProblemException(422, `no grade ${dto.grade} program in this round at: ${missing.join(', ')}`, { errors: [{ field: 'choices', message: 'every choice must be a school with a program for the grade' }] });
      }
      return tx.manager.save(tx.manager.create(ChoiceApplicationRow, { roundId, ...dto }));
    });
  }

  /** Runs the round from the seed; the same seed and data give the same results. Refused once offers were answered. */
  async run(roundId: string, seed: string): Promise<RunSummaryResponse> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const round = await m.findOne(ChoiceRound, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw new ProblemException(404, 'no such choice round');
      const answered = await m.count(ChoiceResultRow, { where: { roundId, offerStatus: In(['accepted', 'declined']) } });
      if (answered) throw new ProblemException(409, 'offers of this round were already accepted or declined: it cannot run again');

      const { input, programSchool } = await this.roundInput(m, round, seed);
      const problems = choiceRoundProblems(input);
      if (problems.length) throw new ProblemException(422, `the round cannot run: ${problems.slice(0, 5).join('; ')}`);
      const result = runChoiceRound(input);
      const applicationIds = new Map((await m.findBy(ChoiceApplicationRow, { roundId })).map((a) => [a.studentId, a.id]));

      await m.delete(ChoiceResultRow, { roundId });
      const rows = result.rows.map((r) => ({
        applicationId: applicationIds.get(r.applicantId)!,
        roundId,
        studentId: r.applicantId,
        lotteryNumber: r.lotteryNumber,
        choices: r.choices.map((c) => ({ programId: c.programId, schoolId: programSchool.get(c.programId)!, tier: c.tier })),
        assignedProgramId: r.assignedProgramId,
        assignedChoiceRank: r.assignedChoiceRank,
        seatBlock: r.seatBlock ?? null,
        waitlist: r.waitlist,
        offerStatus: r.assignedProgramId ? ('offered' as const) : null,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await m.insert(ChoiceResultRow, rows.slice(i, i + INSERT_CHUNK));

      const schoolOf = (programId: string | null) => (programId ? programSchool.get(programId)! : null);
      const summary = summarizeRound(rows.map((r) => ({ choices: r.choices, assignedSchoolId: schoolOf(r.assignedProgramId), waitlist: r.waitlist.map((w) => ({ schoolId: schoolOf(w.programId)! })) })));
      Object.assign(round, { status: 'completed', seed, runAt: new Date(), summary });
      await m.save(round);
      const assigned = rows.filter((r) => r.assignedProgramId).length;
      const firstChoice = rows.filter((r) => r.assignedChoiceRank === 1).length;
      tx.publish(EnrollmentEvents.AssignmentCompleted, {
        roundId, name: round.name, schoolYear: round.schoolYear, seed, applicants: rows.length, assigned, firstChoice, completedAt: round.runAt!.toISOString(),
      });
      return { status: 'completed', seed, applicants: rows.length, assigned, firstChoice, unassigned: rows.length - assigned, rounds: result.rounds };
    });
  }

  /** Results of a run; a school-scoped caller sees only the applicants who listed one of its schools. */
  async results(roundId: string, q: ResultsQuery, user: AuthUser): Promise<Page<ResultRow>> {
    await this.getRound(roundId);
    const schools = scopedSchoolIds(user, q.schoolId);
    const qb = this.ds.getRepository(ChoiceResultRow).createQueryBuilder('r').where('r.round_id = :roundId', { roundId });
    if (schools) qb.andWhere(`EXISTS (SELECT 1 FROM jsonb_array_elements(r.choices) c WHERE c->>'schoolId' = ANY(:schools))`, { schools });
    const [rows, total] = await qb.orderBy('r.lottery_number', 'ASC').take(q.limit).skip(q.offset).getManyAndCount();
    const programs = await this.ds.getRepository(ChoiceProgramRow).findBy({ roundId });
    const school = new Map(programs.map((p) => [p.id, p.schoolId]));
    return {
      total,
      items: rows.map((r) => ({
        applicationId: r.applicationId,
        studentId: r.studentId,
        lotteryNumber: r.lotteryNumber,
        choices: r.choices.map((c) => ({ schoolId: c.schoolId, tier: c.tier })),
        assignedSchoolId: r.assignedProgramId ? school.get(r.assignedProgramId)! : null,
        assignedChoiceRank: r.assignedChoiceRank,
        waitlist: r.waitlist.map((w) => ({ schoolId: school.get(w.programId)!, position: w.position })),
        offerStatus: r.offerStatus,
      })),
    };
  }

  async accept(roundId: string, applicationId: string): Promise<{ status: string }> {
    return this.uow.run(async (tx) => {
      const row = await this.offer(tx.manager, roundId, applicationId);
      row.offerStatus = 'accepted';
      await tx.manager.save(row);
      return { status: 'accepted' };
    });
  }

  /** The seat goes to the first waitlisted applicant who ranks it above their own offer, and so on down the chain. */
  async decline(roundId: string, applicationId: string): Promise<SeatMovesResponse> {
    return this.uow.run(async (tx) => {
      const round = await this.completedRound(tx.manager, roundId);
      const declined = await this.offer(tx.manager, roundId, applicationId);
      const all = await tx.manager.findBy(ChoiceResultRow, { roundId });
      const state = seatState(all);
      const result = declineOffer(state, declined.studentId);
      const moves = await this.storeSeats(tx.manager, round, all, { ...state, assignments: result.assignments, withdrawn: result.withdrawn }, result.moves, declined.studentId);
      return { status: 'declined', moves };
    });
  }

  /**
   * A program gets more seats after the run (a seat released later, or capacity added): each new seat goes
   * down the waitlist as a released seat does. Fewer seats than offers made is refused.
   */
  async setSeats(roundId: string, programId: string, seats: number): Promise<SeatMovesResponse> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const round = await this.completedRound(m, roundId);
      const program = await m.findOneBy(ChoiceProgramRow, { id: programId, roundId });
      if (!program) throw new ProblemException(404, 'no such program in this round');
      const all = await m.findBy(ChoiceResultRow, { roundId });
      let state = seatState(all);
      const held = all.filter((r) => r.assignedProgramId === programId).length;
      if (seats < held) throw new ProblemException(409, `${held} offers are held at this program: seats cannot go below that`);
      program.seats = seats;
      await m.save(program);
      const moves: SeatMove[] = [];
      for (let free = seats - held; free > 0; free--) {
        const result = releaseSeat(state, programId);
        if (result.moves.length === 0) break; // nobody waits for it
        moves.push(...result.moves);
        state = { ...state, assignments: result.assignments };
      }
      return { status: 'seats-set', moves: await this.storeSeats(m, round, all, state, moves) };
    });
  }

  /** Writes the assignments, offers and waitlists that changed, and the round's summary; returns the moves by school. */
  private async storeSeats(m: EntityManager, round: ChoiceRound, all: ChoiceResultRow[], state: SeatState, moves: SeatMove[], declinedStudentId?: string) {
    const school = new Map((await m.findBy(ChoiceProgramRow, { roundId: round.id })).map((p) => [p.id, p.schoolId]));
    const waitlists = waitlistPositions(state);
    const movers = new Set(moves.map((mv) => mv.applicantId));
    const summaryRows = [];
    const changed: (Pick<ChoiceResultRow, 'applicationId' | 'assignedProgramId' | 'assignedChoiceRank' | 'waitlist' | 'offerStatus'>)[] = [];
    for (const row of all) {
      const declined = row.studentId === declinedStudentId;
      const assigned = declined ? null : (state.assignments.get(row.studentId) ?? null);
      const next = {
        assignedProgramId: assigned,
        assignedChoiceRank: assigned ? row.choices.findIndex((c) => c.programId === assigned) + 1 : null,
        waitlist: declined ? [] : (waitlists.get(row.studentId) ?? []),
        offerStatus: declined ? ('declined' as const) : movers.has(row.studentId) ? ('offered' as const) : row.offerStatus,
      };
      if (JSON.stringify(next) !== JSON.stringify({ assignedProgramId: row.assignedProgramId, assignedChoiceRank: row.assignedChoiceRank, waitlist: row.waitlist, offerStatus: row.offerStatus })) {
        changed.push({ applicationId: row.applicationId, ...next });
      }
      summaryRows.push({ choices: row.choices, assignedSchoolId: assigned ? school.get(assigned)! : null, waitlist: next.waitlist.map((w) => ({ schoolId: school.get(w.programId)! })) });
    }
    // a seat move shifts waitlist positions for many applicants: one statement per chunk, not one per row
    for (let i = 0; i < changed.length; i += INSERT_CHUNK) {
      const chunk = changed.slice(i, i + INSERT_CHUNK);
      await m.query(
        `UPDATE choice_results r SET assigned_program_id = c.program, assigned_choice_rank = c.rank, waitlist = c.waitlist, offer_status = c.status
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::jsonb[], $5::text[]) AS c(application, program, rank, waitlist, status)
         WHERE r.application_id = c.application`,
        [chunk.map((c) => c.applicationId), chunk.map((c) => c.assignedProgramId), chunk.map((c) => c.assignedChoiceRank), chunk.map((c) => JSON.stringify(c.waitlist)), chunk.map((c) => c.offerStatus)],
      );
    }
    await m.update(ChoiceRound, { id: round.id }, { summary: summarizeRound(summaryRows) });
    return moves.map((mv) => ({ studentId: mv.applicantId, fromSchoolId: mv.from ? school.get(mv.from)! : null, toSchoolId: school.get(mv.to)! }));
  }

  private async completedRound(m: EntityManager, roundId: string): Promise<ChoiceRound> {
    const round = await m.findOne(ChoiceRound, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw new ProblemException(404, 'no such choice round');
    if (round.status !== 'completed') throw new ProblemException(409, 'the round has not run yet');
    return round;
  }

  private async offer(m: EntityManager, roundId: string, applicationId: string): Promise<ChoiceResultRow> {
    const row = await m.findOneBy(ChoiceResultRow, { roundId, applicationId });
    if (!row) throw new ProblemException(404, 'no result for this application: has the round run?');
    if (!row.assignedProgramId || row.offerStatus === 'declined') throw new ProblemException(409, 'this application holds no offer');
    return row;
  }

  private async openRound(m: EntityManager, id: string): Promise<ChoiceRound> {
    const round = await m.findOneBy(ChoiceRound, { id });
    if (!round) throw new ProblemException(404, 'no such choice round');
    if (round.status !== 'open') throw new ProblemException(409, 'the round has run: programs and applications are closed');
    return round;
  }

  /** The pure round input from the database: applicants' homes, current schools and siblings' schools. */
  private async roundInput(m: EntityManager, round: ChoiceRound, seed: string): Promise<{ input: ChoiceRoundInput; programSchool: Map<string, string> }> {
    const programs = await m.findBy(ChoiceProgramRow, { roundId: round.id });
    const applications = await m.findBy(ChoiceApplicationRow, { roundId: round.id });
    const schools = new Map((await m.findBy(School, { id: In([...new Set(programs.map((p) => p.schoolId))]) })).map((s) => [s.id, s]));
    const studentIds = applications.map((a) => a.studentId);
    const students = new Map((studentIds.length ? await m.findBy(Student, { id: In(studentIds) }) : []).map((s) => [s.id, s]));
    const siblingIds = [...new Set([...students.values()].flatMap((s) => s.siblingIds))];
    const siblingSchool = new Map(
      (siblingIds.length ? await m.find(Student, { select: { id: true, schoolId: true, status: true }, where: { id: In(siblingIds), status: 'enrolled' } }) : []).map((s) => [s.id, s.schoolId!]),
    );
    const programOf = new Map(programs.map((p) => [`${p.schoolId}|${p.grade}`, p.id]));
    const applicants: ChoiceApplicant[] = applications.map((a) => {
      const s = students.get(a.studentId)!;
      return {
        id: a.studentId,
        grade: a.grade,
        home: { lat: s.latitude, lon: s.longitude },
        currentSchoolId: s.status === 'enrolled' && s.schoolId ? s.schoolId : undefined,
        siblingSchoolIds: s.siblingIds.map((id) => siblingSchool.get(id)).filter((x): x is string => !!x),
      };
    });
    const input: ChoiceRoundInput = {
      applicants,
      programs: programs.map((p) => {
        const school = schools.get(p.schoolId)!;
        return { id: p.id, schoolId: p.schoolId, grade: p.grade, seats: p.seats, school: { lat: school.latitude, lon: school.longitude }, reservedBlocks: p.reservedBlocks ?? undefined };
      }),
      applications: applications.map((a) => ({ applicantId: a.studentId, choices: a.choices.map((schoolId) => programOf.get(`${schoolId}|${a.grade}`)!) })),
      policy: round.policy,
      seed,
    };
    return { input, programSchool: new Map(programs.map((p) => [p.id, p.schoolId])) };
  }
}

/** Seats and rankings as stored after a run: each program ranks by the stored tier and lottery number. */
function seatState(rows: ChoiceResultRow[]): SeatState {
  const keys = new Map(rows.map((r) => [r.studentId, new Map(r.choices.map((c) => [c.programId, priorityKey(c.tier, r.lotteryNumber)]))]));
  return {
    applications: rows.map((r) => ({ applicantId: r.studentId, choices: r.choices.map((c) => c.programId) })),
    assignments: new Map(rows.map((r) => [r.studentId, r.assignedProgramId])),
    withdrawn: new Set(rows.filter((r) => r.offerStatus === 'declined').map((r) => r.studentId)),
    rank: (applicantId, programId) => keys.get(applicantId)?.get(programId) ?? Number.MAX_SAFE_INTEGER,
  };
}

