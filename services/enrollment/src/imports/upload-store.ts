import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { ProblemException } from '@district/service-kit';
import { openZip, ZipError, ZipLimits } from './zip-archive';

/**
 * An upload, stored on disk before its job runs: never held in memory, bounded while it streams in.
 * A zip is stored as sent; CSV files are stored by position and remembered by the names they were sent
 * with (a client's file name never becomes a path).
 */
export type StoredUpload =
  | { kind: 'zip'; dir: string; path: string; bytes: number }
  | { kind: 'files'; dir: string; files: { name: string; path: string; bytes: number }[]; bytes: number };

/** Uploads live here until their job ends, one folder per job. */
export const UPLOAD_ROOT = join(tmpdir(), 'district-roster-imports');

export const MAX_ZIP_ENTRIES = 1000;
/** A bundle's CSVs compress about 5-10x; a zip expanding beyond this many times the upload limit is refused. */
export const ZIP_EXPANSION_LIMIT = 10;

export function zipLimits(maxBytes: number): ZipLimits {
  return { maxEntries: MAX_ZIP_ENTRIES, maxUncompressedBytes: maxBytes * ZIP_EXPANSION_LIMIT };
}

export function uploadDir(jobId: string): string {
  return join(UPLOAD_ROOT, jobId);
}

export async function removeUpload(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

function tooLarge(maxBytes: number): ProblemException {
  return new ProblemException(413, `the upload is larger than ${maxBytes} bytes (IMPORT_MAX_BYTES); split the bundle or ask for a higher limit`);
}

/** Passes bytes through, failing once more than the shared budget has gone by. */
class ByteBudget extends Transform {
  constructor(
    private readonly budget: { used: number; max: number },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.budget.used += chunk.length;
    if (this.budget.used > this.budget.max) done(tooLarge(this.budget.max));
    else done(null, chunk);
  }
}

async function save(source: NodeJS.ReadableStream, path: string, budget: { used: number; max: number }): Promise<number> {
  const before = budget.used;
  await pipeline(source, new ByteBudget(budget), createWriteStream(path));
  return budget.used - before;
}

/** A raw `application/zip` body. */
export async function storeZipBody(body: NodeJS.ReadableStream, dir: string, maxBytes: number): Promise<StoredUpload> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'upload.zip');
  const bytes = await save(body, path, { used: 0, max: maxBytes });
  if (bytes === 0) throw new ProblemException(400, 'the request body is empty: send the bundle as a zip');
  await checkZip(path, maxBytes);
  return { kind: 'zip', dir, path, bytes };
}

/** multipart/form-data: one .zip file part, or the bundle's .csv files as parts named by their file names. */
export async function storeMultipart(parts: AsyncIterable<Multipart>, dir: string, maxBytes: number): Promise<StoredUpload> {
  await mkdir(dir, { recursive: true });
  const budget = { used: 0, max: maxBytes };
  const csvs: { name: string; path: string; bytes: number }[] = [];
  let zip: { path: string; bytes: number } | undefined;
  for await (const part of parts) {
    if (part.type !== 'file') continue; // form fields carry nothing this import reads
    const name = basename((part.filename ?? '').replace(/\\/g, '/'));
    const lower = name.toLowerCase();
    const isZip = lower.endsWith('.zip') || /^application\/(x-)?zip(-compressed)?$/i.test(part.mimetype);
    if (!isZip && !lower.endsWith('.csv')) {
      throw new ProblemException(400, `${JSON.stringify(name || part.fieldname)} is neither a .csv file nor a .zip; send one zip or the bundle's CSV files`);
    }
    if (isZip && (zip || csvs.length)) throw new ProblemException(400, 'send either one .zip or the CSV files, not both or two zips');
    if (!isZip && zip) throw new ProblemException(400, 'send either one .zip or the CSV files, not both');
    if (!isZip && csvs.some((c) => c.name.toLowerCase() === lower)) throw new ProblemException(400, `two files are named ${name}; it is not clear which to read`);
    const path = join(dir, isZip ? 'upload.zip' : `${csvs.length + 1}.csv`);
    const bytes = await save(part.file, path, budget);
    // busboy cuts a file at the per-file limit and only flags it
    if ((part.file as { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
    if (isZip) zip = { path, bytes };
    else csvs.push({ name, path, bytes });
  }
  if (zip) {
    await checkZip(zip.path, maxBytes);
    return { kind: 'zip', dir, ...zip };
  }
  if (csvs.length === 0) throw new ProblemException(400, 'no file in the form: send a .zip or the .csv files of the bundle as file parts');
  return { kind: 'files', dir, files: csvs, bytes: budget.used };
}

/** Reads the zip's directory now, so a file that is not a zip, or a zip bomb, is refused at once. */
async function checkZip(path: string, maxBytes: number): Promise<void> {
  try {
    (await openZip(path, zipLimits(maxBytes))).close();
  } catch (err) {
    if (err instanceof ZipError) throw new ProblemException(err.tooLarge ? 413 : 400, err.message);
    throw err;
  }
}
