import { CsvError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain records on LF and CRLF', () => {
    expect(parseCsv('a,b\n1,2\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const records = parseCsv('name,note\n"Kennedy, P Bldg","say ""hi"""\n"Bradley Bldg\r\n",x\nlast,row\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Kennedy, P Bldg', 'say "hi"'] },
      { line: 3, fields: ['Bradley Bldg\r\n', 'x'] },
      // the quoted line break above moves this record to line 5
      { line: 5, fields: ['last', 'row'] },
    ]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(parseCsv('a,,c,\n"",x')).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 2, fields: ['', 'x'] },
    ]);
  });

  it('keeps spaces as they are (trimming is the caller’s choice)', () => {
    expect(parseCsv(' a , b ')[0].fields).toEqual([' a ', ' b ']);
  });

  it('skips empty lines and a byte order mark but counts the lines', () => {
    expect(parseCsv('\uFEFFa\n\n\r\nb\n\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('rejects a quote inside an unquoted field, text after a closing quote and an unclosed quote', () => {
    expect(() => parseCsv('a,b\n5" screen,x')).toThrow(new CsvError('quote inside an unquoted field', 2));
    expect(() => parseCsv('"a"b,c')).toThrow(CsvError);
    expect(() => parseCsv('a\n"open,\nstill open')).toThrow(new CsvError('quoted field is never closed', 2));
  });
});
