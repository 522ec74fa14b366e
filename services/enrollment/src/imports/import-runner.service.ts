import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '@district/service-kit';
import { EnrollmentEnv } from '../config';
import {
  addBirthDates, addEnrollmentSchools, BundleError, checkBundle, FileSummary, readBundleRecords, RecordBatch, RowRejection,
} from './domain';
import { ImportCounts, ImportProgress, ImportStatus, UNFINISHED_STATUSES } from './import-job.entities';
import { beginDateKey, CollectedBundle, ConcurrentChangeError, ImportAbortedError, insertRejections, RosterApplyService } from './roster-apply.service';
import { OpenedBundle, openStoredBundle } from './stored-bundle';
import { removeUpload, StoredUpload, uploadDir, zipLimits } from './upload-store';
import { ZipError } from './zip-archive';

export interface QueuedImport {
  id: string;
  upload: StoredUpload;
  /** the upload request's correlation, carried by every event the import publishes */
  cause: { correlationId?: string; causationId?: string | null };
}

export interface ImportOutcome {
  status: Extract<ImportStatus, 'completed' | 'failed'>;
  counts?: ImportCounts;
  error?: string;
  warnings: string[];
}

export const INTERRUPTED = 'interrupted: upload again';
/** a job whose process has not beaten for this long is taken as lost (the process crashed or was killed) */
const STALE_AFTER_S = 30;
const HEARTBEAT_MS = 5_000;
const PROGRESS_EVERY_MS = 500;
const MAX_WARNINGS = 200;
const APPLY_ATTEMPTS = 3;
const READ_BATCH = 1000;

/** A failure whose message is for the district: shown as the job's error. */
class ImportFailure extends Error {}

function bundleErrorMessage(errors: BundleError[]): string {
  return errors.map((e) => `${e.file}: ${e.message}`).join('; ');
}

/**
 * Runs roster imports in the background of this process, one at a time, in upload order.
 *
 * Phases: check the bundle (manifest, files); read every file as a stream of validated records, folding
 * enrollments and demographics into the small lookups the plan needs and storing row rejections as they
 * come; then plan and apply in one transaction (RosterApplyService). A whole-file error (header,
 * encoding, CSV syntax) fails the job with its message and nothing is applied. The job row (status,
 * progress, counts) is written outside the apply transaction so a client can watch it.
 *
 * Jobs are in memory while queued or running; each running process beats on its jobs' rows, and a job
 * whose process stopped beating (crash, kill) is marked failed with INTERRUPTED, at boot and then
 * periodically (so one replica's restart never fails another replica's live job).
 */
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('RosterImport');
  private readonly queue: QueuedImport[] = [];
  /** jobs running in this process (the queue runs one; runNow may add more) */
  private readonly current = new Set<string>();
  private readonly progressAt = new Map<string, number>();
  private running?: Promise<void>;
  private stopping = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    private readonly applier: RosterApplyService,
    private readonly env: EnrollmentEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.failInterrupted();
    this.timer = setInterval(() => void this.tick(), HEARTBEAT_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    const waiting = this.queue.splice(0);
    for (const job of waiting) {
      await this.finish(job.id, 'failed', { error: INTERRUPTED }).catch(() => undefined);
      await removeUpload(job.upload.dir);
    }
    await this.running; // the running job stops at its next batch and rolls back
  }

  /** Queues a stored upload whose job row exists (status queued). */
  enqueue(job: QueuedImport): void {
    if (this.stopping) throw new ProblemException(503, 'the service is stopping; upload again in a moment');
    this.queue.push(job);
    this.kick();
  }

  private kick(): void {
    if (this.running || this.stopping || this.queue.length === 0) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick(); // a job queued while the last one was finishing
    });
  }

  /** Creates a job and runs it now, in the caller's await (the benchmark and tools). */
  async runNow(upload: StoredUpload, createdBy: string, id: string = randomUUID()): Promise<ImportOutcome> {
    await this.ds.query(`INSERT INTO import_jobs (id, kind, status, created_by) VALUES ($1, 'oneroster', 'queued', $2)`, [id, createdBy]);
    return this.execute({ id, upload, cause: { causationId: id } });
  }

  /** Marks failed every unfinished job whose process stopped beating; returns their ids. */
  async failInterrupted(): Promise<string[]> {
    const mine = this.ownIds();
    // an UPDATE ... RETURNING answers [rows, count]
    const [rows] = (await this.ds.query(
      `UPDATE import_jobs SET status = 'failed', error = $1, finished_at = now()
        WHERE status = ANY($2::text[]) AND heartbeat_at < now() - make_interval(secs => $3) AND id <> ALL($4::uuid[])
        RETURNING id`,
      [INTERRUPTED, UNFINISHED_STATUSES, STALE_AFTER_S, mine],
    )) as [{ id: string }[], number];
    for (const { id } of rows) {
      this.log.warn(`roster import ${id} was left unfinished by a stopped process: marked failed`);
      await removeUpload(uploadDir(id)); // when it was this machine's
    }
    return rows.map((r) => r.id);
  }

  private ownIds(): string[] {
    return [...this.queue.map((j) => j.id), ...this.current];
  }

  private async tick(): Promise<void> {
    try {
      const mine = this.ownIds();
      if (mine.length) await this.ds.query('UPDATE import_jobs SET heartbeat_at = now() WHERE id = ANY($1::uuid[])', [mine]);
      await this.failInterrupted();
    } catch (err) {
      this.log.warn(`import heartbeat failed: ${(err as Error).message}`);
    }
  }

  private async drain(): Promise<void> {
    while (!this.stopping && this.queue.length > 0) await this.execute(this.queue.shift()!);
  }

  private async execute(job: QueuedImport): Promise<ImportOutcome> {
    this.current.add(job.id);
    const started = Date.now();
    const warnings: string[] = [];
    const progress: ImportProgress = { phase: 'checking', rowsRead: 0 };
    let opened: OpenedBundle | undefined;
    try {
      await this.ds.query(`UPDATE import_jobs SET status = 'reading', started_at = now(), heartbeat_at = now(), progress = $2 WHERE id = $1`, [job.id, progress]);
      opened = await openStoredBundle(job.upload, zipLimits(this.env.IMPORT_MAX_BYTES));
      progress.bytesTotal = opened.bytesTotal;
      progress.bytesRead = 0;

      const check = await checkBundle(opened.files);
      warnings.push(...check.warnings);
      if (check.ignored.length) warnings.push(`not read: ${check.ignored.map((f) => `${f.name} (${f.reason})`).join(', ')}`);
      if (!check.ok) throw new ImportFailure(bundleErrorMessage(check.errors));

      // ---- read: records in batches, rejections stored as they come ----
      progress.phase = 'reading';
      const bundle: CollectedBundle = { orgs: [], users: [], enrollmentSchools: new Map(), beginDates: new Map(), birthDates: new Map(), files: {} };
      for (const f of check.files) if (f.kind === 'orgs' || f.kind === 'users') bundle.files[f.kind] = f.name;
      const pending: RowRejection[] = [];
      const reader = opened;
      const onBatch = async <R>(batch: RecordBatch<R>): Promise<void> => {
        if (this.stopping) throw new ImportAbortedError('the service is stopping');
        progress.rowsRead += batch.records.length + batch.rejections.length;
        progress.bytesRead = reader.bytesRead();
        pending.push(...batch.rejections);
        if (pending.length >= READ_BATCH) await insertRejections(this.ds, job.id, pending.splice(0));
        await this.reportProgress(job.id, progress);
      };
      const read = await readBundleRecords(
        check,
        {
          orgs: async (b) => {
            for (const r of b.records) bundle.orgs.push(r);
            await onBatch(b);
          },
          users: async (b) => {
            for (const r of b.records) bundle.users.push(r);
            await onBatch(b);
          },
          enrollments: async (b) => {
            addEnrollmentSchools(bundle.enrollmentSchools, b.records);
            for (const e of b.records) {
              if (e.status !== 'active' || !e.beginDate) continue;
              const key = beginDateKey(e.userSourcedId, e.schoolSourcedId);
              const earlier = bundle.beginDates.get(key);
              if (!earlier || e.beginDate < earlier) bundle.beginDates.set(key, e.beginDate);
            }
            await onBatch(b);
          },
          demographics: async (b) => {
            addBirthDates(bundle.birthDates, b.records);
            await onBatch(b);
          },
        },
        { batchSize: READ_BATCH },
      );
      if (!read.ok) throw new ImportFailure(bundleErrorMessage(read.errors));
      await insertRejections(this.ds, job.id, pending.splice(0));
      for (const f of read.files) for (const w of f.warnings) warnings.push(`${f.file}: ${w}`);
      progress.rowsRead = progress.rowsTotal = read.files.reduce((n, f) => n + f.rows, 0);
      progress.bytesRead = opened.bytesRead();

      // ---- plan and apply, in one transaction ----
      const readSeconds = (Date.now() - started) / 1000;
      progress.phase = 'applying';
      await this.ds.query(`UPDATE import_jobs SET status = 'applying', heartbeat_at = now(), progress = $2 WHERE id = $1`, [job.id, progress]);
      const applied = await this.applyWithRetry(job, bundle, progress);
      warnings.push(...applied.warnings);

      const rejectedIn = (kind: FileSummary['kind']) => read.files.filter((f) => f.kind === kind).reduce((n, f) => n + f.rejected, 0);
      const counts: ImportCounts = {
        schools: { ...applied.schools, rejected: applied.schools.rejected + rejectedIn('orgs') },
        students: { ...applied.students, rejected: applied.students.rejected + rejectedIn('users') },
        files: read.files.map(({ file, mode, rows, records, rejected, skipped, skippedBy }) => ({ file, mode, rows, records, rejected, skipped, skippedBy })),
      };
      progress.phase = 'done';
      await this.finish(job.id, 'completed', { counts, warnings, progress });
      this.log.log(
        `roster import ${job.id} completed in ${((Date.now() - started) / 1000).toFixed(1)} s (read ${readSeconds.toFixed(1)} s): ` +
          `students ${JSON.stringify(counts.students)}, schools ${JSON.stringify(counts.schools)}`,
      );
      return { status: 'completed', counts, warnings: capWarnings(warnings) };
    } catch (err) {
      const error =
        err instanceof ImportFailure || err instanceof ZipError ? err.message
        : err instanceof ImportAbortedError ? INTERRUPTED
        : `the import failed unexpectedly and nothing was applied; the error is logged with job id ${job.id}`;
      if (!(err instanceof ImportFailure || err instanceof ZipError || err instanceof ImportAbortedError)) {
        this.log.error(`roster import ${job.id} failed: ${(err as Error)?.stack ?? String(err)}`);
      }
      // rows rejected while reading describe a bundle that was not applied: drop them with it
      await this.ds.query('DELETE FROM import_rejections WHERE job_id = $1', [job.id]).catch(() => undefined);
      await this.finish(job.id, 'failed', { error, warnings, progress }).catch((e: Error) => this.log.error(`could not record the failure of import ${job.id}: ${e.message}`));
      return { status: 'failed', error, warnings: capWarnings(warnings) };
    } finally {
      opened?.close();
      await removeUpload(job.upload.dir).catch(() => undefined);
      this.current.delete(job.id);
      this.progressAt.delete(job.id);
    }
  }

  private async applyWithRetry(job: QueuedImport, bundle: CollectedBundle, progress: ImportProgress) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applier.apply(bundle, {
          jobId: job.id,
          today: new Date(),
          cause: job.cause,
          aborted: () => this.stopping,
          onProgress: async (applied, toApply) => {
            progress.applied = applied;
            progress.toApply = toApply;
            await this.reportProgress(job.id, progress);
          },
        });
      } catch (err) {
        if (!(err instanceof ConcurrentChangeError)) throw err;
        if (attempt >= APPLY_ATTEMPTS) throw new ImportFailure(`records kept changing while the import was applied (${err.message}); nothing was applied: upload again`);
        this.log.warn(`roster import ${job.id}: ${err.message}; applying again`);
      }
    }
  }

  /** Writes progress at most every PROGRESS_EVERY_MS per job (it also keeps the job's heartbeat fresh). */
  private async reportProgress(id: string, progress: ImportProgress): Promise<void> {
    const now = Date.now();
    if (now - (this.progressAt.get(id) ?? 0) < PROGRESS_EVERY_MS) return;
    this.progressAt.set(id, now);
    await this.ds.query('UPDATE import_jobs SET progress = $2, heartbeat_at = now() WHERE id = $1', [id, progress]);
  }

  private async finish(
    id: string,
    status: 'completed' | 'failed',
    fields: { counts?: ImportCounts; error?: string; warnings?: string[]; progress?: ImportProgress },
  ): Promise<void> {
    await this.ds.query(
      `UPDATE import_jobs SET status = $2, finished_at = now(), heartbeat_at = now(), counts = $3, error = $4,
              warnings = $5, progress = COALESCE($6, progress) WHERE id = $1`,
      [id, status, fields.counts ?? null, fields.error ?? null, JSON.stringify(capWarnings(fields.warnings ?? [])), fields.progress ?? null],
    );
  }
}

function capWarnings(warnings: string[]): string[] {
  const kept = warnings.slice(0, MAX_WARNINGS).map((w) => (w.length > 2000 ? `${w.slice(0, 2000)}...` : w));
  if (warnings.length > MAX_WARNINGS) kept.push(`... and ${warnings.length - MAX_WARNINGS} more warnings`);
  return kept;
}
