import { CsvRow, CsvSyntaxError, CsvTokenizer, MAX_FIELD_LENGTH, isBlankRow } from './csv-rows';

function tokenize(...chunks: string[]): CsvRow[] {
  const rows: CsvRow[] = [];
  const tokenizer = new CsvTokenizer((row) => rows.push(row));
  for (const c of chunks) tokenizer.write(c);
  tokenizer.end();
  return rows;
}

function syntaxError(text: string): CsvSyntaxError {
  try {
    tokenize(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return e;
    throw e;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('CSV tokenizer', () => {
  it('splits rows and fields and numbers physical lines from 1', () => {
    expect(tokenize('a,b,c\n1,,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', '3'] },
    ]);
  });

  it('counts the lines inside a quoted field, so later rows keep their physical line', () => {
    const rows = tokenize('h1,h2\r\n1,"two\r\nlines"\r\n\r\n3,"a ""quoted"" word, and\nmore"\n4,x');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 7]);
    expect(rows[1].fields).toEqual(['1', 'two\r\nlines']);
    expect(rows[2].fields).toEqual(['']); // the blank line
    expect(rows[3].fields).toEqual(['3', 'a "quoted" word, and\nmore']);
    expect(rows[4].fields).toEqual(['4', 'x']);
  });

  it('gives the same rows whatever the chunk boundaries are', () => {
    const text = 'sourcedId,name\r\n"s1","Guild ""East"", \r\nBoston"\r\n,\r\ns2,  "spaced"  \r\n"last",""';
    const whole = tokenize(text);
    expect(tokenize(...text.split(''))).toEqual(whole);
    for (let cut = 1; cut < text.length; cut++) expect(tokenize(text.slice(0, cut), text.slice(cut))).toEqual(whole);
    expect(whole[3].fields).toEqual(['s2', 'spaced']);
    expect(whole[4]).toEqual({ line: 6, fields: ['last', ''] });
  });

  it('drops the CR of CRLF but keeps a CR inside quotes', () => {
    expect(tokenize('a,b\r\n"x\r",y\r\n').map((r) => r.fields)).toEqual([['a', 'b'], ['x\r', 'y']]);
  });

  it('emits a trailing empty field after a final comma', () => {
    expect(tokenize('a,').map((r) => r.fields)).toEqual([['a', '']]);
  });

  it('rejects an unclosed quote, naming the line where it opened', () => {
    const e = syntaxError('a,b\n1,2\n3,"four\n5,6\n7,8\n');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/line 3: a quoted field opened on this line is never closed/);
  });

  it('rejects a quote inside an unquoted field and text after a closing quote', () => {
    expect(syntaxError('a,b\n1,O"Brien\n')).toMatchObject({ line: 2, message: expect.stringMatching(/quote inside unquoted field 2/) });
    expect(syntaxError('a,b\n1,"x"y\n')).toMatchObject({ line: 2, message: expect.stringMatching(/unexpected "y" after the closing quote/) });
  });

  it('stops a runaway quoted field instead of buffering the rest of the file', () => {
    const e = syntaxError(`a\n"${'x'.repeat(MAX_FIELD_LENGTH + 1)}`);
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/longer than/);
  });

  it('treats rows of only blanks and separators as blank', () => {
    expect(isBlankRow([''])).toBe(true);
    expect(isBlankRow(['', ' ', ''])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});
