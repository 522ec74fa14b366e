import {
  GRADE_CODES, parseBoolean, parseCoordinates, parseDate, parseDateLastModified, parseGrade, parseStatus, splitList,
} from './oneroster-values';

describe('OneRoster values', () => {
  it('reads a blank status as active in bulk files only', () => {
    expect(parseStatus('', 'bulk')).toEqual({ ok: true, value: 'active' });
    expect(parseStatus('', 'delta')).toEqual({ ok: false, reason: 'status is required in a delta file' });
    expect(parseStatus('ToBeDeleted', 'delta')).toEqual({ ok: true, value: 'tobedeleted' });
    expect(parseStatus('inactive', 'bulk')).toMatchObject({ ok: false, reason: expect.stringMatching(/active or tobedeleted/) });
  });

  it('accepts a blank dateLastModified in bulk, and ISO dates or timestamps', () => {
    expect(parseDateLastModified('', 'bulk')).toEqual({ ok: true, value: undefined });
    expect(parseDateLastModified('', 'delta')).toMatchObject({ ok: false });
    for (const v of ['2025-08-01', '2025-08-01T12:00:00Z', '2025-08-01T12:00:00.123Z', '2025-08-01T12:00:00-05:00', '2025-08-01T12:00']) {
      expect(parseDateLastModified(v, 'delta')).toEqual({ ok: true, value: v });
    }
    for (const v of ['08/01/2025', '2025-02-30T00:00:00Z', '2025-08-01 12:00:00', 'yesterday']) {
      expect(parseDateLastModified(v, 'bulk')).toMatchObject({ ok: false });
    }
  });

  it('requires real YYYY-MM-DD dates', () => {
    expect(parseDate('', 'birthDate')).toEqual({ ok: true, value: undefined });
    expect(parseDate('2016-02-29', 'birthDate')).toEqual({ ok: true, value: '2016-02-29' });
    expect(parseDate('2015-02-29', 'birthDate')).toMatchObject({ ok: false, reason: expect.stringMatching(/birthDate "2015-02-29" must be a real date/) });
    expect(parseDate('4/12/2016', 'beginDate')).toMatchObject({ ok: false });
    expect(parseDate('2016-04-12T00:00:00Z', 'beginDate')).toMatchObject({ ok: false });
  });

  it('maps OneRoster/CEDS grade codes to district grades', () => {
    const cases: [string, string][] = [
      ['PK', 'PK'], ['PR', 'PK'], ['IT', 'PK'], ['TK', 'K'], ['KG', 'K'], ['K', 'K'], ['kg', 'K'],
      ['01', '1'], ['1', '1'], ['09', '9'], ['10', '10'], ['12', '12'],
    ];
    for (const [code, grade] of cases) expect(parseGrade(code)).toEqual({ ok: true, value: grade });
    expect(Object.keys(GRADE_CODES)).toHaveLength(6 + 12 + 9);
  });

  it('reads grades as a list: repeats of one grade are fine, two grades are ambiguous, unknown codes rejected', () => {
    expect(parseGrade('')).toEqual({ ok: true, value: undefined });
    expect(parseGrade('09, 9,')).toEqual({ ok: true, value: '9' });
    expect(parseGrade('KG,TK')).toEqual({ ok: true, value: 'K' });
    expect(parseGrade('09,10')).toMatchObject({ ok: false, reason: expect.stringMatching(/several grades \(9, 10\)/) });
    for (const code of ['13', 'PS', 'UG', 'Other', '00', '1st']) {
      expect(parseGrade(code)).toMatchObject({ ok: false, reason: expect.stringContaining('is not a grade the district serves') });
    }
  });

  it('splits comma lists, trimming and dropping blanks and repeats', () => {
    expect(splitList(' a, b ,,a ')).toEqual(['a', 'b']);
    expect(splitList('')).toEqual([]);
  });

  it('reads booleans as written by exports', () => {
    expect(parseBoolean('TRUE', 'enabledUser')).toEqual({ ok: true, value: true });
    expect(parseBoolean('0', 'enabledUser')).toEqual({ ok: true, value: false });
    expect(parseBoolean('', 'enabledUser')).toEqual({ ok: false, reason: 'enabledUser is required' });
    expect(parseBoolean('maybe', 'enabledUser')).toMatchObject({ ok: false });
  });

  it('reads coordinates in pairs, as plain decimals in range, never 0,0', () => {
    expect(parseCoordinates('', '')).toEqual({ ok: true, value: undefined });
    expect(parseCoordinates('42.3765', '-71.0362')).toEqual({ ok: true, value: { latitude: 42.3765, longitude: -71.0362 } });
    expect(parseCoordinates('42.3', '')).toMatchObject({ ok: false, reason: expect.stringMatching(/both/) });
    expect(parseCoordinates('91', '0')).toMatchObject({ ok: false, reason: expect.stringMatching(/latitude 91 is out of range/) });
    expect(parseCoordinates('42,37', '-71.03')).toMatchObject({ ok: false, reason: expect.stringMatching(/dot as the decimal separator/) });
    expect(parseCoordinates('1e1', 'NaN')).toMatchObject({ ok: false, reason: expect.stringMatching(/latitude.*; longitude/) });
    expect(parseCoordinates('0', '0.0')).toMatchObject({ ok: false, reason: expect.stringMatching(/placeholder/) });
  });
});
