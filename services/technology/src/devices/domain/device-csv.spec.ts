import { parseCsv } from '@district/seed-data';
import { HeaderError, planImport, readDeviceRows, StoredDevice } from './device-csv';

const HEADER = 'serial,model,type,purchase_date,warranty_end,auto_update_expiration,school_code,status,loaner_pool';

describe('device import rows', () => {
  it('reads good rows and rejects bad ones with their line and every reason', () => {
    const csv = [
      HEADER,
      'SN-1,Dell 3110,chromebook,2024-08-01,2027-08-01,2031-06-01,4061,,',
      'SN-2,Dell 3110,toaster,2024-13-01,,,4061,,',
      '"SN-3",iPad,TABLET,2025-01-10,,,4061,assigned,maybe',
      'SN-1,Dell 3110,chromebook,2024-08-01,,,4061,,',
      'SN-4,HP,laptop,2023-01-01,,,,retired,yes',
    ].join('\n');
    const { rows, rejected } = readDeviceRows(parseCsv(csv));
    expect(rows.map((r) => r.serial)).toEqual(['SN-1']);
    expect(rows[0]).toMatchObject({ line: 2, deviceType: 'chromebook', autoUpdateExpiration: '2031-06-01', status: null, loanerPool: null });
    expect(rejected).toEqual([
      { line: 3, serial: 'SN-2', reason: expect.stringMatching(/type must be one of.*purchase_date must be a date/) },
      { line: 4, serial: 'SN-3', reason: expect.stringMatching(/status may only be.*loaner_pool must be true or false/) },
      { line: 5, serial: 'SN-1', reason: 'serial SN-1 is also on line 2' },
      { line: 6, serial: 'SN-4', reason: 'school_code is required' },
    ]);
  });

  it('fails the whole file on a bad header', () => {
    expect(() => readDeviceRows(parseCsv('serial,model\nA,B'))).toThrow(HeaderError);
    expect(() => readDeviceRows(parseCsv(`${HEADER},colour\n`))).toThrow(/unknown column\(s\): colour/);
    expect(() => readDeviceRows([])).toThrow(/empty/);
  });
});

describe('import plan', () => {
  const stored = (over: Partial<StoredDevice>): StoredDevice => ({
    id: 'd1', serial: 'SN-1', model: 'Dell 3110', deviceType: 'chromebook', purchaseDate: '2024-08-01', warrantyEnd: null, autoUpdateExpiration: null,
    schoolId: 'school-a', status: 'in-stock', loanerPool: false, ...over,
  });
  const schools = new Map([['A', 'school-a'], ['B', 'school-b']]);
  const row = (serial: string, school = 'A', extra = '') => readDeviceRows(parseCsv(`serial,model,type,purchase_date,school_code,status\n${serial},Dell 3110,chromebook,2024-08-01,${school},${extra}`)).rows[0];

  it('inserts new serials, updates changed ones, leaves equal ones alone', () => {
    const { actions, rejected } = planImport([row('SN-1'), row('SN-2'), row('SN-3', 'B')], new Map([['SN-1', stored({})], ['SN-3', stored({ id: 'd3', serial: 'SN-3' })]]), schools);
    expect(rejected).toEqual([]);
    expect(actions.map((a) => a.kind)).toEqual(['unchanged', 'insert', 'update']);
  });

  it('refuses to move or re-status a device someone holds, and names unknown schools', () => {
    const { actions, rejected } = planImport([row('SN-1', 'B'), row('SN-2', 'Z')], new Map([['SN-1', stored({ status: 'assigned' })]]), schools);
    expect(actions).toEqual([]);
    expect(rejected).toEqual([
      { line: 2, serial: 'SN-1', reason: expect.stringMatching(/device is assigned/) },
      { line: 2, serial: 'SN-2', reason: 'no school with code Z' },
    ]);
  });
});
