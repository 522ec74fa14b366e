import { CsvRow, CsvSyntaxError, csvRows } from './csv-rows';
import { Utf8Error, decodeUtf8 } from './utf8-decode';

/**
 * One file of a bundle as the caller hands it over: a Buffer, or a stream of bytes (a zip entry, a
 * multipart part, a file on disk). Streams are read once, from start to end or until an error.
 */
export type BundleSource = Uint8Array | AsyncIterable<unknown>;

/** A problem that rejects a whole file, and with it the whole bundle. */
export interface BundleError {
  file: string;
  message: string;
  /** physical line, when the problem has one */
  line?: number;
}

export class FileRejectedError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'FileRejectedError';
  }

  toBundleError(): BundleError {
    return this.line === undefined ? { file: this.file, message: this.message } : { file: this.file, message: this.message, line: this.line };
  }
}

/** Buffers are fed in slices of this size so a large Buffer streams through like a file would. */
const SLICE_BYTES = 64 * 1024;

/**
 * Rows of a CSV file, decoded as strict UTF-8 (BOM dropped) and tokenized per RFC 4180, in arrays of
 * rows. Encoding and syntax errors become FileRejectedError naming the file and line; I/O errors
 * from the stream itself pass through unchanged.
 */
export async function* readCsvRows(source: BundleSource, file: string): AsyncGenerator<CsvRow[]> {
  try {
    yield* csvRows(decodeUtf8(source instanceof Uint8Array ? slices(source) : source));
  } catch (e) {
    if (e instanceof Utf8Error) throw new FileRejectedError(file, e.message, e.line);
    if (e instanceof CsvSyntaxError) throw new FileRejectedError(file, `not valid CSV: ${e.message}`, e.line);
    throw e;
  }
}

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
}
