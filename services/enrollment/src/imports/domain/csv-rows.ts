/**
 * RFC 4180 tokenizer that knows the physical line each row starts on.
 *
 * Why not csv-parse: every rejection must carry the physical line number, and csv-parse 6.2's
 * `info.lines` drifts by one after a skipped blank line and its `raw` drops the delimiter in CRLF
 * files, so lines cannot be derived from it reliably. This tokenizer is small, streaming and exact:
 * lines are counted by LF, so a quoted field that spans lines moves the count on correctly.
 *
 * Accepted: LF or CRLF line ends (a CR right before the LF is dropped), a last row without a line
 * end, whitespace around a quoted field (`a, "b" ,c`). Rejected (CsvSyntaxError, whole file):
 * a quote inside an unquoted field, text after a closing quote, a quote never closed, a field
 * longer than MAX_FIELD_LENGTH (almost always a stray quote swallowing the rest of the file).
 * Blank lines come out as rows of one empty field; the caller decides to skip them.
 */

export interface CsvRow {
  /** physical line (1-based) the row starts on */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export const MAX_FIELD_LENGTH = 100_000;

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

// Tokenizer states.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // a quote inside a quoted field: either an escaped "" or the closing quote
const AFTER_QUOTED = 4;

export class CsvTokenizer {
  private fields: string[] = [];
  private field = '';
  private state = FIELD_START;
  private line = 1;
  private rowLine = 1;
  private rowStarted = false;
  private quoteLine = 1;

  constructor(private readonly emit: (row: CsvRow) => void) {}

  /** Feeds the next piece of text; rows completed by it are emitted before this returns. */
  write(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case FIELD_START:
          if (!this.rowStarted) {
            this.rowStarted = true;
            this.rowLine = this.line;
          }
          if (text.charCodeAt(i) === QUOTE) {
            this.openQuote();
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === QUOTE) break;
            j++;
          }
          this.append(text, i, j);
          if (j === n) {
            i = n;
          } else if (c === QUOTE) {
            if (this.field.trim() !== '') {
              throw new CsvSyntaxError(
                `line ${this.line}: a quote inside unquoted field ${this.fields.length + 1}; a field containing quotes must be enclosed in quotes, with each inner quote doubled`,
                this.line,
              );
            }
            this.field = ''; // whitespace before an opening quote: drop it
            this.openQuote();
            i = j + 1;
          } else if (c === COMMA) {
            this.endField();
            i = j + 1;
          } else {
            if (this.field.charCodeAt(this.field.length - 1) === CR) this.field = this.field.slice(0, -1);
            this.endField();
            this.endRow();
            i = j + 1;
          }
          break;
        }
        case QUOTED: {
          const j = text.indexOf('"', i);
          const end = j === -1 ? n : j;
          this.append(text, i, end);
          this.line += countLineFeeds(text, i, end);
          if (j === -1) {
            i = n;
          } else {
            this.state = QUOTE_IN_QUOTED;
            i = j + 1;
          }
          break;
        }
        case QUOTE_IN_QUOTED:
          if (text.charCodeAt(i) === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            i++;
          } else {
            this.state = AFTER_QUOTED;
          }
          break;
        case AFTER_QUOTED: {
          const c = text.charCodeAt(i);
          if (c === COMMA) {
            this.endField();
          } else if (c === LF) {
            this.endField();
            this.endRow();
          } else if (c !== CR && c !== SPACE && c !== TAB) {
            throw new CsvSyntaxError(
              `line ${this.line}: unexpected ${JSON.stringify(text[i])} after the closing quote of field ${this.fields.length + 1}`,
              this.line,
            );
          }
          i++;
          break;
        }
      }
    }
  }

  /** Signals the end of input: emits a last row without a line end, or throws on an open quote. */
  end(): void {
    if (this.state === QUOTED) {
      throw new CsvSyntaxError(`line ${this.quoteLine}: a quoted field opened on this line is never closed`, this.quoteLine);
    }
    if (this.rowStarted) {
      if (this.state === UNQUOTED && this.field.charCodeAt(this.field.length - 1) === CR) this.field = this.field.slice(0, -1);
      this.endField();
      this.emit({ line: this.rowLine, fields: this.fields });
      this.fields = [];
      this.rowStarted = false;
    }
  }

  private openQuote(): void {
    this.state = QUOTED;
    this.quoteLine = this.line;
  }

  private append(text: string, from: number, to: number): void {
    if (to === from) return;
    this.field += text.slice(from, to);
    if (this.field.length > MAX_FIELD_LENGTH) {
      const where = this.state === QUOTED ? `the quoted field opened on line ${this.quoteLine}` : `a field on line ${this.line}`;
      throw new CsvSyntaxError(`${where} is longer than ${MAX_FIELD_LENGTH} characters (an unclosed quote?)`, this.state === QUOTED ? this.quoteLine : this.line);
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = FIELD_START;
  }

  private endRow(): void {
    this.emit({ line: this.rowLine, fields: this.fields });
    this.fields = [];
    this.rowStarted = false;
    this.line++;
  }
}

/** Streams rows from text chunks, one array of rows per chunk (fewer awaits than one row at a time). */
export async function* csvRows(texts: AsyncIterable<string>): AsyncGenerator<CsvRow[]> {
  let pending: CsvRow[] = [];
  const tokenizer = new CsvTokenizer((row) => pending.push(row));
  for await (const text of texts) {
    tokenizer.write(text);
    if (pending.length > 0) {
      const rows = pending;
      pending = [];
      yield rows;
    }
  }
  tokenizer.end();
  if (pending.length > 0) yield pending;
}

/** True for a row with no content: a blank line, or only separators (spreadsheets leave those). */
export function isBlankRow(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === LF) count++;
  return count;
}
