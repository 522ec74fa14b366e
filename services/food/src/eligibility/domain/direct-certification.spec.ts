import { DcFileError, parseDirectCertificationCsv } from './direct-certification';

describe('direct certification file', () => {
  it('reads rows by local id or student id and reports bad rows with their line', () => {
    const csv = 'local_id,Program,certified_on,name\nS0000001,snap,2026-08-15,Ana\n,TANF,2026-08-15,x\nS0000003,WIC,2026-13-01,y\n"S0000004",head start,2026-08-16,z\n';
    const { rows, rejected } = parseDirectCertificationCsv(csv);
    expect(rows).toEqual([
      { line: 2, studentId: null, localId: 'S0000001', program: 'SNAP', certifiedOn: '2026-08-15' },
      { line: 5, studentId: null, localId: 'S0000004', program: 'HEAD_START', certifiedOn: '2026-08-16' },
    ]);
    expect(rejected).toEqual([
      { line: 3, errors: ['student_id or local_id is required'] },
      { line: 4, errors: [expect.stringMatching(/^program must be one of/), 'certified_on must be a YYYY-MM-DD date'] },
    ]);
  });

  it('refuses a file without the needed columns or with broken quoting', () => {
    expect(() => parseDirectCertificationCsv('local_id,program\nS1,SNAP\n')).toThrow(DcFileError);
    expect(() => parseDirectCertificationCsv('local_id,program,certified_on\n"S1,SNAP,2026-08-15\n')).toThrow(/never closed/);
  });
});
