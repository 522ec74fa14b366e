import { isUtf8 } from 'node:buffer';

/**
 * Strict streaming UTF-8 decoding for roster files.
 *
 * Node's own decoding silently turns bad bytes into U+FFFD, which would import "Jos�" for a Latin-1
 * "José". OneRoster files must be UTF-8, so an invalid byte sequence rejects the file, with the byte
 * offset and line so the district can find it. A leading UTF-8 BOM (Excel writes one) is dropped.
 */

export class Utf8Error extends Error {
  constructor(
    message: string,
    /** physical line (1-based) holding the first bad byte */
    readonly line: number,
    /** offset of the first bad byte from the start of the file */
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'Utf8Error';
  }
}

const BOM = '\uFEFF';
const LF = 0x0a;

/** Decodes byte chunks (Buffers or Uint8Arrays) to text chunks; string chunks pass through unchecked. */
export async function* decodeUtf8(chunks: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0); // an incomplete multi-byte sequence at the end of the previous chunk
  let bytesBefore = 0;
  let linesBefore = 0;
  let atStart = true;
  for await (const chunk of chunks) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else if (chunk instanceof Uint8Array) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const cut = completeLength(bytes);
      const body = bytes.subarray(0, cut);
      carry = Buffer.from(bytes.subarray(cut)); // copy: do not pin a large chunk for 1-3 bytes
      if (!isUtf8(body)) throw invalidAt(body, bytesBefore, linesBefore, atStart);
      bytesBefore += body.length;
      linesBefore += countLineFeeds(body);
      text = body.toString('utf8');
    } else {
      throw new TypeError(`expected Buffer or string chunks, got ${typeof chunk}`);
    }
    if (atStart && text.length > 0) {
      if (text.startsWith(BOM)) text = text.slice(1);
      atStart = false;
    }
    if (text.length > 0) yield text;
  }
  if (carry.length > 0) {
    throw new Utf8Error(
      `not valid UTF-8: the file ends inside a multi-byte character (line ${linesBefore + 1}, byte ${bytesBefore})`,
      linesBefore + 1,
      bytesBefore,
    );
  }
}

/** Length of the prefix of `bytes` that ends on a character boundary (at most 3 bytes are held back). */
export function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back < need ? n - back : n;
  }
  return n; // only continuation bytes: invalid anyway, let validation report it
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1 (same rules as isUtf8). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i; // truncated sequence
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i; // overlong, too large, surrogate
    i += need + 1;
  }
  return -1;
}

function countLineFeeds(bytes: Uint8Array): number {
  let count = 0;
  let at = bytes.indexOf(LF);
  while (at !== -1) {
    count++;
    at = bytes.indexOf(LF, at + 1);
  }
  return count;
}

function invalidAt(body: Buffer, bytesBefore: number, linesBefore: number, atStart: boolean): Utf8Error {
  const at = Math.max(0, firstInvalidUtf8(body));
  const line = linesBefore + countLineFeeds(body.subarray(0, at)) + 1;
  const byte = body[at]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
  const utf16 = atStart && body.length >= 2 && ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff));
  const hint = utf16 ? 'it looks like UTF-16; save it as UTF-8' : 'save it as UTF-8 (it may be Latin-1 or Windows-1252)';
  return new Utf8Error(`not valid UTF-8: byte 0x${byte} at line ${line} (byte ${bytesBefore + at}); ${hint}`, line, bytesBefore + at);
}
