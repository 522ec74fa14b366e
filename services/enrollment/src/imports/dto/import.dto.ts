import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@district/service-kit';
import type { ImportCounts, ImportProgress, ImportStatus } from '../import-job.entities';

export class ImportAccepted {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['queued'] })
  status: 'queued';
}

/** `?limit=&offset=` over the job's rejected rows. */
export class ImportQuery extends PageQuery {}

export class ImportRejectionItem {
  @ApiProperty({ example: 'users.csv' })
  file: string;

  @ApiProperty({ description: 'physical line in the file (the header is line 1)' })
  line: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  sourcedId: string | null;

  @ApiProperty()
  reason: string;
}

export class ImportRejectionPage {
  @ApiProperty({ type: [ImportRejectionItem] })
  items: ImportRejectionItem[];

  @ApiProperty()
  total: number;
}

export class ImportJobResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['oneroster'] })
  kind: 'oneroster';

  @ApiProperty({ enum: ['queued', 'reading', 'applying', 'completed', 'failed'] })
  status: ImportStatus;

  @ApiProperty()
  createdBy: string;

  @ApiProperty()
  createdAt: Date;

  @ApiPropertyOptional({ nullable: true, type: Date })
  startedAt: Date | null;

  @ApiPropertyOptional({ nullable: true, type: Date })
  finishedAt: Date | null;

  @ApiProperty({ description: '{ phase, rowsRead, rowsTotal?, bytesRead?, bytesTotal?, applied?, toApply? }' })
  progress: ImportProgress;

  @ApiPropertyOptional({ nullable: true, description: 'when completed: schools and students created/updated/unchanged/withdrawn/rejected/skipped, and per file' })
  counts: ImportCounts | null;

  @ApiProperty({ type: [String] })
  warnings: string[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'why the whole bundle was rejected (status failed); nothing was applied' })
  error: string | null;

  @ApiProperty({ type: ImportRejectionPage })
  rejections: ImportRejectionPage;
}
