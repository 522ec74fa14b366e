/**
 * A small RFC 4180 CSV parser: fields may be quoted, a quoted field may hold commas, line breaks and
 * doubled quotes (""), records end with CRLF or LF. Each record carries the file line it starts on,
 * so a caller can report a bad row the way an editor shows it (a quoted line break makes records and
 * lines differ).
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const BOM = '\uFEFF';

/**
 * Parses the whole text. Empty lines are skipped (they hold no data). Malformed quoting throws a
 * CsvError: past that point record boundaries are guesses, so no later row could be trusted.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let fieldWasQuoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    const blankLine = fields.length === 0 && field === '' && !fieldWasQuoted;
    endField();
    if (!blankLine) records.push({ line: recordLine, fields });
    fields = [];
  };

  let i = text.startsWith(BOM) ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        inQuotes = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && text[i + 2] === '\n')) {
          throw new CsvError('unexpected character after a closing quote', line);
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new CsvError('quote inside an unquoted field', line);
      inQuotes = true;
      fieldWasQuoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRecord();
      if (ch === '\r') i++;
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (inQuotes) throw new CsvError('quoted field is never closed', recordLine);
  // the last record may lack a final line break
  if (fields.length > 0 || field !== '' || fieldWasQuoted) endRecord();
  return records;
}
