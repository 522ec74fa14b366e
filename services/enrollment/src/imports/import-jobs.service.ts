import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '@district/service-kit';
import { ImportJobResponse, ImportQuery, ImportRejectionItem } from './dto/import.dto';
import { ImportJob } from './import-job.entities';

@Injectable()
export class ImportJobsService {
  /** FERPA: rejected rows name students, so reading them is logged like any student-record read */
  private readonly audit = new Logger('StudentRecordAccess');

  constructor(private readonly ds: DataSource) {}

  async create(id: string, createdBy: string): Promise<void> {
    await this.ds.query(`INSERT INTO import_jobs (id, kind, status, created_by) VALUES ($1, 'oneroster', 'queued', $2)`, [id, createdBy]);
  }

  async get(id: string, page: ImportQuery, reader: string): Promise<ImportJobResponse> {
    const job = await this.ds.getRepository(ImportJob).findOneBy({ id });
    if (!job) throw new ProblemException(404, 'no such import');
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(
        `SELECT file, line, sourced_id AS "sourcedId", reason FROM import_rejections WHERE job_id = $1 ORDER BY file, line, id LIMIT $2 OFFSET $3`,
        [id, page.limit, page.offset],
      ) as Promise<ImportRejectionItem[]>,
      this.ds.query('SELECT count(*)::int AS total FROM import_rejections WHERE job_id = $1', [id]) as Promise<{ total: number }[]>,
    ]);
    if (items.length) this.audit.log({ audit: 'roster-import-rejections-read', user: reader, importId: id, rows: items.length });
    const { heartbeatAt: _h, ...rest } = job;
    return { ...rest, rejections: { items, total } };
  }
}
