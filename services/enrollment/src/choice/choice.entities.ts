import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Grade } from '@district/contracts';
import type { PriorityPolicy, ReservedBlock } from './domain/priority-policy';
import type { ChoiceRoundSummary } from './domain/round-summary';
import type { WaitlistEntry } from './domain/waitlist';

@Entity({ name: 'choice_rounds' })
export class ChoiceRound {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ name: 'school_year', type: 'text' }) schoolYear: string;
  @Column({ name: 'entry_grades', type: 'text', array: true }) entryGrades: Grade[];
  @Column('jsonb') policy: PriorityPolicy;
  @Column('text') status: 'open' | 'completed';
  @Column({ type: 'text', nullable: true }) seed: string | null;
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true }) runAt: Date | null;
  /** kept up to date at each run and each declined offer */
  @Column({ type: 'jsonb', nullable: true }) summary: ChoiceRoundSummary | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

@Entity({ name: 'choice_programs' })
export class ChoiceProgramRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column('text') grade: Grade;
  @Column('int') seats: number;
  @Column({ name: 'reserved_blocks', type: 'jsonb', nullable: true }) reservedBlocks: ReservedBlock[] | null;
}

@Entity({ name: 'choice_applications' })
export class ChoiceApplicationRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'student_id', type: 'uuid' }) studentId: string;
  @Column('text') grade: Grade;
  /** school ids, most wanted first */
  @Column({ type: 'uuid', array: true }) choices: string[];
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

export interface StoredChoice {
  programId: string;
  schoolId: string;
  tier: number;
}

@Entity({ name: 'choice_results' })
export class ChoiceResultRow {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'student_id', type: 'uuid' }) studentId: string;
  @Column({ name: 'lottery_number', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) lotteryNumber: number;
  @Column('jsonb') choices: StoredChoice[];
  @Column({ name: 'assigned_program_id', type: 'uuid', nullable: true }) assignedProgramId: string | null;
  @Column({ name: 'assigned_choice_rank', type: 'int', nullable: true }) assignedChoiceRank: number | null;
  @Column({ name: 'seat_block', type: 'text', nullable: true }) seatBlock: string | null;
  @Column('jsonb') waitlist: WaitlistEntry[];
  @Column({ name: 'offer_status', type: 'text', nullable: true }) offerStatus: 'offered' | 'accepted' | 'declined' | null;
}
