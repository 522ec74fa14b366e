import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ImportStatus = 'queued' | 'reading' | 'applying' | 'completed' | 'failed';
export const UNFINISHED_STATUSES: readonly ImportStatus[] = ['queued', 'reading', 'applying'];

export type ImportPhase = 'queued' | 'checking' | 'reading' | 'planning' | 'applying' | 'done';

/** Where a job is; written outside the apply transaction so a client can watch it. */
export interface ImportProgress {
  phase: ImportPhase;
  /** data rows read so far, over every file */
  rowsRead: number;
  /** data rows in the bundle, once every file has been read */
  rowsTotal?: number;
  /** bytes of the roster files read so far, and in all (uncompressed) */
  bytesRead?: number;
  bytesTotal?: number;
  /** while applying: records written so far, of how many */
  applied?: number;
  toApply?: number;
}

export interface ImportEntityCounts {
  created: number;
  /** existing records that changed (fields, school, re-enrolment) */
  updated: number;
  /** existing records the bundle matched that needed no change */
  unchanged: number;
  withdrawn: number;
  rejected: number;
  skipped: number;
}

export interface ImportFileCounts {
  file: string;
  mode: 'bulk' | 'delta';
  rows: number;
  records: number;
  rejected: number;
  skipped: number;
  /** skipped rows by what excluded them, e.g. { "role teacher": 120 } */
  skippedBy: Record<string, number>;
}

export interface ImportCounts {
  schools: ImportEntityCounts;
  students: ImportEntityCounts & { transferred: number };
  files: ImportFileCounts[];
}

@Entity({ name: 'import_jobs' })
export class ImportJob {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: 'oneroster';

  @Column({ type: 'text' })
  status: ImportStatus;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', default: () => 'now()' })
  heartbeatAt: Date;

  @Column({ type: 'jsonb', default: {} })
  progress: ImportProgress;

  @Column({ type: 'jsonb', nullable: true })
  counts: ImportCounts | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', default: [] })
  warnings: string[];
}

@Entity({ name: 'import_rejections' })
export class ImportRejection {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId: string;

  @Column({ type: 'text' })
  file: string;

  @Column({ type: 'int' })
  line: number;

  @Column({ name: 'sourced_id', type: 'text', nullable: true })
  sourcedId: string | null;

  @Column({ type: 'text' })
  reason: string;
}

/** Which of our records a OneRoster sourcedId is. */
@Entity({ name: 'roster_source_ids' })
export class RosterSourceId {
  @PrimaryColumn({ type: 'text' })
  entity: 'school' | 'student';

  @PrimaryColumn({ name: 'sourced_id', type: 'text' })
  sourcedId: string;

  @Column({ name: 'local_id', type: 'uuid' })
  localId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
