import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES } from '@district/contracts';
import { currentContext } from '@district/messaging';
import { AuthUser, CurrentUser, ProblemException, Roles, StudentData } from '@district/service-kit';
import { EnrollmentEnv } from '../config';
import { ImportAccepted, ImportJobResponse, ImportQuery } from './dto/import.dto';
import { ImportJobsService } from './import-jobs.service';
import { ImportRunner } from './import-runner.service';
import { removeUpload, StoredUpload, storeMultipart, storeZipBody, uploadDir } from './upload-store';

/** Content types read as a raw zip body (Windows browsers say x-zip-compressed). */
export const ZIP_CONTENT_TYPES = ['application/zip', 'application/x-zip-compressed'];
/** room for multipart boundaries and part headers on top of the files themselves */
const MULTIPART_OVERHEAD = 64 * 1024;

/** A roster import covers the whole district: a caller scoped to some schools may not run or read one. */
function assertDistrictWide(user: AuthUser): void {
  if (user.schools) throw new ProblemException(403, 'roster imports cover the whole district; a school-scoped caller cannot run or read them');
}

@ApiTags('imports')
@StudentData()
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly jobs: ImportJobsService,
    private readonly runner: ImportRunner,
    private readonly env: EnrollmentEnv,
  ) {}

  @Post('oneroster')
  @HttpCode(202)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({
    summary: 'Import a OneRoster 1.1 CSV bundle as a background job (upsert of schools and students by sourcedId; tobedeleted withdraws). Needs student-records.',
    description:
      'Send a zip (multipart/form-data with one .zip file part, or an application/zip body) or the CSV files as multipart file parts named by their file names ' +
      '(manifest.csv, orgs.csv, users.csv, enrollments.csv, demographics.csv). The answer is 202 with the job id; follow Location (GET /api/imports/:id) for ' +
      'status, progress, counts and every rejected row. A file with a broken header or encoding fails the whole job and nothing is applied; a valid bundle is ' +
      'applied in one transaction, publishing the same events as the REST API.',
  })
  @ApiConsumes('multipart/form-data', ...ZIP_CONTENT_TYPES)
  @ApiBody({
    schema: {
      type: 'object',
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'one .zip, or the .csv files of the bundle' } },
    },
  })
  @ApiAcceptedResponse({ type: ImportAccepted, description: 'queued; Location: /api/imports/{id}' })
  @ApiBadRequestResponse({ description: 'no file, a file that is neither .csv nor .zip, or not a readable zip' })
  @ApiPayloadTooLargeResponse({ description: 'larger than IMPORT_MAX_BYTES, or a zip that expands too far' })
  @ApiUnsupportedMediaTypeResponse()
  async upload(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentUser() user: AuthUser): Promise<ImportAccepted> {
    assertDistrictWide(user);
    const max = this.env.IMPORT_MAX_BYTES;
    const declared = Number(req.headers['content-length'] ?? NaN);
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const tooLarge = () => new ProblemException(413, `the upload is larger than ${max} bytes (IMPORT_MAX_BYTES); split the bundle or ask for a higher limit`);
    const id = randomUUID();
    const dir = uploadDir(id);
    let upload: StoredUpload;
    try {
      if (req.isMultipart()) {
        if (declared > max + MULTIPART_OVERHEAD) throw tooLarge();
        upload = await storeMultipart(req.parts(), dir, max);
      } else if (ZIP_CONTENT_TYPES.includes(type)) {
        if (declared > max) throw tooLarge();
        const body = req.body as Readable | undefined;
        if (!body || typeof body.pipe !== 'function') throw new ProblemException(400, 'the request body is empty: send the bundle as a zip');
        upload = await storeZipBody(body, dir, max);
      } else {
        throw new ProblemException(415, 'send the bundle as multipart/form-data (one .zip, or the .csv files) or as an application/zip body');
      }
      await this.jobs.create(id, user.sub);
      const ctx = currentContext();
      this.runner.enqueue({ id, upload, cause: { correlationId: ctx?.correlationId, causationId: ctx?.causationId ?? null } });
    } catch (err) {
      await removeUpload(dir);
      throw err;
    }
    reply.header('location', `/api/imports/${id}`);
    return { id, status: 'queued' };
  }

  @Get(':id')
  @Roles(ROLES.enrollmentRead, ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'An import job: status, progress, counts, warnings, the error that failed it, and its rejected rows (paged). Needs student-records.' })
  @ApiOkResponse({ type: ImportJobResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: ImportQuery, @CurrentUser() user: AuthUser): Promise<ImportJobResponse> {
    assertDistrictWide(user);
    return this.jobs.get(id, q, user.sub);
  }
}
