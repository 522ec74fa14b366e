import type { ContractStatus } from '@district/contracts';
import { mulberry32 } from '@district/seed-data';
import { addDays, daysBetween } from '../calendar/domain/dates';
import { computeDeadline } from '../calendar/domain/deadlines';
import { DistrictCalendar } from '../calendar/domain/district-calendar';
import { ContractDates, inForce } from '../contracts/domain/contract-status';
import { DEFAULT_PROCEDURE, GrievanceProcedure } from '../contracts/domain/grievance-procedure';
import {
  answerStep, appealGrievance, applyMissedDeadlines, DeadlineFn, fileGrievance, GrievanceOutcome, GrievanceRuleError, GrievanceState, HistoryEntry,
} from '../grievances/domain/grievance-rules';

type Random = () => number;

export interface DemoUnit {
  key: string;
  name: string;
  unionName: string;
  local: string;
  employeeCount: number;
  /** share of the district's grievances */
  share: number;
  /** chance a grievance arises at a school (else central office, depot or kitchen) */
  atSchool: number;
  articles: string[];
}

export interface DemoContract extends Omit<ContractDates, 'id'> {
  key: string;
  title: string;
  tentativeAgreementOn: string | null;
  predecessorKey: string | null;
  procedure: GrievanceProcedure;
}

export interface DemoGrievance {
  number: string;
  unitKey: string;
  contractKey: string;
  article: string;
  grievantName: string;
  grievantEmployeeId: string;
  schoolId: string | null;
  description: string;
  occurredOn: string;
  filedOn: string;
  state: GrievanceState;
  history: HistoryEntry[];
}

export interface DemoNegotiation {
  contractKey: string;
  sessions: { key: string; heldOn: string; location: string; attendees: string[]; notes: string }[];
  proposals: { key: string; sessionKey: string; article: string; party: 'union' | 'district'; respondsTo: string | null; summary: string; proposedOn: string;
    status: 'open' | 'countered' | 'withdrawn' | 'tentatively-agreed' }[];
  tentativeAgreements: { article: string; summary: string; agreedOn: string; proposalKey: string | null }[];
}

export interface LaborDemo {
  units: DemoUnit[];
  contracts: DemoContract[];
  negotiations: DemoNegotiation[];
  grievances: DemoGrievance[];
}

const rule = (days: number, unit: 'school' | 'working' | 'calendar') => ({ days, unit });

const PROCEDURES: Record<string, GrievanceProcedure> = {
  teachers: DEFAULT_PROCEDURE,
  paras: {
    summerRule: 'working-days', rollToWorkingDay: true,
    steps: [
      { step: 1, name: 'Step 1: Principal', answeredBy: 'principal', fileWithin: rule(20, 'school'), answerWithin: rule(7, 'school') },
      { step: 2, name: 'Step 2: Office of Labor Relations', answeredBy: 'director of labor relations', fileWithin: rule(7, 'school'), answerWithin: rule(10, 'school') },
      { step: 3, name: 'Arbitration', answeredBy: 'arbitrator (AAA)', fileWithin: rule(30, 'calendar'), answerWithin: rule(30, 'calendar') },
    ],
  },
  custodians: {
    summerRule: 'working-days', rollToWorkingDay: true,
    steps: [
      { step: 1, name: 'Step 1: Senior Building Custodian', answeredBy: 'facilities area manager', fileWithin: rule(15, 'working'), answerWithin: rule(5, 'working') },
      { step: 2, name: 'Step 2: Director of Facilities', answeredBy: 'director of facilities', fileWithin: rule(10, 'working'), answerWithin: rule(10, 'working') },
      { step: 3, name: 'Arbitration', answeredBy: 'arbitrator (state board)', fileWithin: rule(20, 'working'), answerWithin: rule(30, 'calendar') },
    ],
  },
  food: {
    summerRule: 'suspended', rollToWorkingDay: true,
    steps: [
      { step: 1, name: 'Step 1: Food Service Manager', answeredBy: 'food service area manager', fileWithin: rule(20, 'school'), answerWithin: rule(10, 'school') },
      { step: 2, name: 'Step 2: Director of Food and Nutrition', answeredBy: 'director of food and nutrition services', fileWithin: rule(10, 'school'), answerWithin: rule(15, 'school') },
      { step: 3, name: 'Arbitration', answeredBy: 'arbitrator (AAA)', fileWithin: rule(30, 'calendar'), answerWithin: rule(30, 'calendar') },
    ],
  },
  bus: {
    summerRule: 'calendar-days', rollToWorkingDay: true,
    steps: [
      { step: 1, name: 'Step 1: Yard Manager', answeredBy: 'transportation yard manager', fileWithin: rule(30, 'calendar'), answerWithin: rule(10, 'calendar') },
      { step: 2, name: 'Step 2: Director of Transportation', answeredBy: 'director of transportation', fileWithin: rule(10, 'calendar'), answerWithin: rule(14, 'calendar') },
      { step: 3, name: 'Arbitration', answeredBy: 'arbitrator (AAA)', fileWithin: rule(30, 'calendar'), answerWithin: rule(30, 'calendar') },
    ],
  },
  admins: {
    summerRule: 'working-days', rollToWorkingDay: true,
    steps: [
      { step: 1, name: 'Step 1: Chief of Schools', answeredBy: 'chief of schools', fileWithin: rule(30, 'working'), answerWithin: rule(10, 'working') },
      { step: 2, name: 'Step 2: Superintendent', answeredBy: 'superintendent', fileWithin: rule(10, 'working'), answerWithin: rule(15, 'working') },
      { step: 3, name: 'Arbitration', answeredBy: 'arbitrator (AAA)', fileWithin: rule(30, 'calendar'), answerWithin: rule(30, 'calendar') },
    ],
  },
};

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'teachers', name: 'Teachers', unionName: 'Educators Federation (AFT Massachusetts)', local: 'Local 1120', employeeCount: 4310, share: 0.45, atSchool: 1,
    articles: ['Art. 8 Class Size', 'Art. 12 Compensation', 'Art. 15 Preparation Time', 'Art. 17 Evaluation', 'Art. 19 Transfers and Excessing', 'Art. 22 Leaves', 'Art. 27 Safe Working Conditions'] },
  { key: 'paras', name: 'Paraprofessionals', unionName: 'Educators Federation (AFT Massachusetts)', local: 'Local 1120-P', employeeCount: 1180, share: 0.18, atSchool: 1,
    articles: ['Art. 6 Assignments', 'Art. 9 Hours of Work', 'Art. 11 Substitute Coverage', 'Art. 14 Professional Development'] },
  { key: 'custodians', name: 'Custodians', unionName: 'Service Employees International Union', local: 'Local 888', employeeCount: 410, share: 0.12, atSchool: 0.85,
    articles: ['Art. 5 Overtime Distribution', 'Art. 7 Shift Assignments', 'Art. 10 Health and Safety', 'Art. 13 Seniority'] },
  { key: 'food', name: 'Food Service Workers', unionName: 'UNITE HERE', local: 'Local 26', employeeCount: 560, share: 0.1, atSchool: 0.9,
    articles: ['Art. 4 Hours and Scheduling', 'Art. 8 Uniforms and Equipment', 'Art. 12 Summer Work', 'Art. 16 Discipline'] },
  { key: 'bus', name: 'Bus Drivers and Monitors', unionName: 'United Steelworkers', local: 'Local 9360', employeeCount: 610, share: 0.1, atSchool: 0.4,
    articles: ['Art. 6 Route Bidding', 'Art. 9 Extra Work', 'Art. 11 Discipline and Discharge', 'Art. 18 Vehicle Safety'] },
  { key: 'admins', name: 'School Administrators', unionName: 'American Federation of School Administrators', local: 'Local 6', employeeCount: 380, share: 0.05, atSchool: 0.7,
    articles: ['Art. 7 Evaluation', 'Art. 10 Work Year', 'Art. 14 Reassignment'] },
];

const c = (key: string, unitKey: string, title: string, effectiveOn: string, expiresOn: string, status: ContractStatus,
  dates: { ta?: string; ratified?: string; predecessor?: string } = {}): DemoContract => ({
  key, unitId: unitKey, title, effectiveOn, expiresOn, status, tentativeAgreementOn: dates.ta ?? null, ratifiedOn: dates.ratified ?? null,
  predecessorKey: dates.predecessor ?? null, procedure: PROCEDURES[unitKey],
});

/** Contracts as of 2026-11-23: teachers in status quo and bargaining, bus drivers newly ratified, food service at a TA, custodians expiring soon. */
export const DEMO_CONTRACTS: DemoContract[] = [
  c('teachers-2023', 'teachers', 'Teachers 2023-2026', '2023-09-01', '2026-08-31', 'expired', { ratified: '2023-06-20' }),
  c('teachers-2026', 'teachers', 'Teachers 2026-2029 (successor)', '2026-09-01', '2029-08-31', 'in-negotiation', { predecessor: 'teachers-2023' }),
  c('paras-2024', 'paras', 'Paraprofessionals 2024-2027', '2024-09-01', '2027-08-31', 'active', { ratified: '2024-08-15' }),
  c('custodians-2024', 'custodians', 'Custodians 2024-2026', '2024-01-01', '2026-12-31', 'active', { ratified: '2023-12-12' }),
  c('food-2023', 'food', 'Food Service 2023-2026', '2023-12-01', '2026-11-30', 'active', { ratified: '2023-11-20' }),
  c('food-2026', 'food', 'Food Service 2026-2029 (successor)', '2026-12-01', '2029-11-30', 'tentative-agreement', { ta: '2026-11-17', predecessor: 'food-2023' }),
  c('bus-2023', 'bus', 'Bus Drivers and Monitors 2023-2026', '2023-07-01', '2026-06-30', 'superseded', { ratified: '2023-06-28' }),
  c('bus-2026', 'bus', 'Bus Drivers and Monitors 2026-2029', '2026-07-01', '2029-06-30', 'active', { ta: '2026-09-24', ratified: '2026-10-15', predecessor: 'bus-2023' }),
  c('admins-2025', 'admins', 'School Administrators 2025-2028', '2025-07-01', '2028-06-30', 'active', { ratified: '2025-06-10' }),
];

const TEAM_DISTRICT = ['Chief of Labor Relations', 'Deputy General Counsel', 'Chief Financial Officer (designee)', 'Assistant Superintendent, Human Capital'];
const TEAM_UNION = ['Union president', 'Union vice president', 'Field representative', 'Building representatives (3)'];

function negotiation(contractKey: string, dates: string[], topics: { article: string; union: string; district: string; agreed?: string }[], taOn: (i: number) => string | null): DemoNegotiation {
  const sessions = dates.map((heldOn, i) => ({
    key: `${contractKey}-s${i + 1}`, heldOn, location: i % 2 ? 'Union hall, conference room B' : 'District headquarters, room 210',
    attendees: [...TEAM_DISTRICT, ...TEAM_UNION, ...(i >= dates.length - 2 ? ['State mediator'] : [])],
    notes: `Session ${i + 1}: ${topics.slice(0, Math.min(topics.length, i + 1)).map((t) => t.article).join(', ')} discussed.`,
  }));
  const proposals: DemoNegotiation['proposals'] = [];
  const tentativeAgreements: DemoNegotiation['tentativeAgreements'] = [];
  topics.forEach((t, i) => {
    const s = Math.min(i, sessions.length - 1);
    const u = `${contractKey}-p${i}u`;
    const d = `${contractKey}-p${i}d`;
    const ta = taOn(i);
    proposals.push({ key: u, sessionKey: sessions[s].key, article: t.article, party: 'union', respondsTo: null, summary: t.union, proposedOn: sessions[s].heldOn, status: 'countered' });
    const counterSession = sessions[Math.min(s + 1, sessions.length - 1)];
    proposals.push({ key: d, sessionKey: counterSession.key, article: t.article, party: 'district', respondsTo: u, summary: t.district, proposedOn: counterSession.heldOn,
      status: ta ? 'tentatively-agreed' : 'open' });
    if (ta) tentativeAgreements.push({ article: t.article, summary: t.agreed ?? t.district, agreedOn: ta, proposalKey: d });
  });
  return { contractKey, sessions, proposals, tentativeAgreements };
}

export const DEMO_NEGOTIATIONS: DemoNegotiation[] = [
  negotiation('teachers-2026', ['2026-03-12', '2026-04-09', '2026-05-14', '2026-06-11', '2026-09-17', '2026-10-15', '2026-11-19'], [
    { article: 'Art. 21 Grievance Procedure', union: 'Step 2 decision within 10 school days (now 15); expedited arbitration for discipline.', district: 'Step 2 within 12 school days; no expedited track.',
      agreed: 'Step 2 decision within 10 school days; expedited arbitration for suspensions of 5 days or more.' },
    { article: 'Art. 24 Parental Leave', union: '12 weeks paid parental leave.', district: '8 weeks paid parental leave, 4 weeks at 60% pay.', agreed: '10 weeks paid parental leave.' },
    { article: 'Art. 12 Compensation', union: '5% in each of three years; two new top steps.', district: '2.5%, 2.5%, 3%; one new top step in year 3.' },
    { article: 'Art. 8 Class Size', union: 'Caps of 22 (K-2), 25 (3-5), 28 (6-12), with overage pay.', district: 'Caps of 24 (K-2), 27 (3-5), 30 (6-12); overage pay after 10 school days.' },
    { article: 'Art. 15 Preparation Time', union: 'No involuntary coverage of classes during preparation periods.', district: 'Coverage at most twice a month, paid at the hourly rate.' },
    { article: 'Art. 30 Duration', union: 'Three years, September 2026 to August 2029.', district: 'Three years, September 2026 to August 2029.' },
  ], (i) => (i === 0 ? '2026-10-15' : i === 1 ? '2026-11-19' : null)),
  negotiation('bus-2026', ['2026-04-02', '2026-05-07', '2026-06-04', '2026-08-20', '2026-09-24'], [
    { article: 'Art. 6 Route Bidding', union: 'Bidding by seniority twice a year.', district: 'Bidding once a year, in August.', agreed: 'Bidding in August and in January.' },
    { article: 'Art. 20 Wages', union: '$2.50 per hour over three years.', district: '$1.50 per hour over three years.', agreed: '$2.00 per hour over three years.' },
    { article: 'Art. 18 Vehicle Safety', union: 'Two-way radios and camera systems on every bus.', district: 'Cameras on every bus by September 2027.', agreed: 'Radios and cameras on every bus by September 2027.' },
  ], () => '2026-09-24'),
  negotiation('food-2026', ['2026-09-10', '2026-10-08', '2026-10-29', '2026-11-17'], [
    { article: 'Art. 4 Hours and Scheduling', union: 'Minimum 6-hour shifts for all full-time cafeteria staff.', district: 'Minimum 5.5-hour shifts.', agreed: 'Minimum 6-hour shifts from September 2027.' },
    { article: 'Art. 12 Summer Work', union: 'Summer meal sites offered by seniority.', district: 'Summer sites offered by seniority within each zone.', agreed: 'Summer sites offered by seniority within each zone.' },
    { article: 'Art. 19 Wages', union: '4% each year.', district: '3% each year.', agreed: '3.5% each year.' },
  ], () => '2026-11-17'),
];

const FIRST = ['Maria', 'James', 'Aisha', 'Luis', 'Keisha', 'Daniel', 'Mei', 'Robert', 'Fatima', 'Kevin', 'Rosa', 'Patrick', 'Nadia', 'Anthony', 'Linh', 'Carlos',
  'Grace', 'Michael', 'Yolanda', 'Sean', 'Priya', 'Marcus', 'Elena', 'Brian', 'Ana', 'Thomas', 'Jasmine', 'Hector', 'Colleen', 'Andre'];
const LAST = ['Rodriguez', 'Sullivan', 'Nguyen', 'Johnson', 'Pierre', "O'Brien", 'Chen', 'Williams', 'Haddad', 'Murphy', 'Santos', 'Brown', 'Tran', 'Walsh',
  'Garcia', 'Jean-Baptiste', 'Kelly', 'Lopez', 'Davis', 'Fitzgerald', 'Mendes', 'Robinson', 'Kim', 'Doherty', 'Alves', 'Jackson', 'Mahoney', 'Rivera', 'Lee', 'Burke'];
const DESCRIPTIONS: Record<string, string> = {
  'Art. 8 Class Size': 'Class enrolled above the contractual cap for more than ten school days without overage pay.',
  'Art. 12 Compensation': 'Step increase not applied on the anniversary date.',
  'Art. 15 Preparation Time': 'Preparation periods taken to cover classes on several days without compensation.',
  'Art. 17 Evaluation': 'Evaluation issued without the required post-observation conference.',
  'Art. 19 Transfers and Excessing': 'Excessed out of seniority order.',
  'Art. 22 Leaves': 'Personal leave day denied without a stated reason.',
  'Art. 27 Safe Working Conditions': 'Classroom without working heat for several days; request for relocation ignored.',
};
const description = (article: string, r: Random) =>
  DESCRIPTIONS[article] ?? pick(r, ['Assignment made contrary to the article cited.', 'Overtime offered out of seniority order.', 'Discipline imposed without just cause.',
    'Schedule changed without the notice the contract requires.', 'Required equipment not provided.', 'Hours reduced without notice.']);

function pick<T>(r: Random, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

function weighted<T extends { share: number }>(r: Random, items: readonly T[]): T {
  let x = r() * items.reduce((s, i) => s + i.share, 0);
  for (const i of items) if ((x -= i.share) < 0) return i;
  return items[items.length - 1];
}

/** A random day in [from, to] (inclusive), moved to the next working day. */
function dayBetween(r: Random, cal: DistrictCalendar, from: string, to: string): string {
  return cal.nextWorkingDay(addDays(from, Math.floor(r() * (daysBetween(from, to) + 1))));
}

/** The contract a grievance filed on `date` falls under: the one in force, else the expired one (status quo). */
export function governing(contracts: readonly DemoContract[], unitKey: string, date: string): DemoContract {
  const own = contracts.filter((x) => x.unitId === unitKey && x.ratifiedOn);
  const asDates = (x: DemoContract): ContractDates => ({ ...x, id: x.key });
  return own.find((x) => inForce(asDates(x), date)) ?? own.filter((x) => x.effectiveOn <= date).sort((a, b) => b.effectiveOn.localeCompare(a.effectiveOn))[0];
}

/**
 * Plays one grievance forward through the contract's procedure with the domain's own rules: answers mostly on
 * time (some late), denials appealed (some not), until it closes or its next action would fall after `today`;
 * then the deadlines missed by `today` are applied, as the daily job would have.
 */
function simulate(r: Random, cal: DistrictCalendar, p: GrievanceProcedure, filing: { occurredOn: string; filedOn: string }, today: string) {
  const deadline: DeadlineFn = (from, rl) => computeDeadline(from, rl, cal, p);
  let t = fileGrievance({ ...filing, today }, p, deadline);
  let state = t.state;
  const history = [...t.history];
  try {
    for (let guard = 0; guard < 12 && state.status === 'open'; guard++) {
      if (state.awaiting === 'answer') {
        const rec = state.steps[state.currentStep - 1];
        const onTime = r() < 0.8;
        const answeredOn = onTime ? dayBetween(r, cal, addDays(rec.filedOn, 1), rec.answerDueOn) : dayBetween(r, cal, addDays(rec.answerDueOn, 1), addDays(rec.answerDueOn, 8));
        if (answeredOn > today) break;
        const first = state.currentStep === 1;
        const x = r();
        const outcome: GrievanceOutcome = first
          ? x < 0.42 ? 'denied' : x < 0.7 ? 'settled' : x < 0.86 ? 'sustained' : 'withdrawn'
          : x < 0.55 ? 'denied' : x < 0.85 ? 'settled' : x < 0.95 ? 'sustained' : 'withdrawn';
        t = answerStep(state, { step: state.currentStep, outcome, answeredOn, today }, p, deadline);
      } else if (state.awaiting === 'appeal') {
        if (r() < 0.12) break; // the union lets it lapse
        const appealedOn = dayBetween(r, cal, addDays(state.dueFrom!, 1), state.dueOn!);
        if (appealedOn > today || appealedOn > state.dueOn!) break;
        t = appealGrievance(state, { appealedOn, today }, p, deadline);
      } else break;
      state = t.state;
      history.push(...t.history);
    }
  } catch (err) {
    if (!(err instanceof GrievanceRuleError)) throw err;
  }
  const caught = applyMissedDeadlines(state, today, p, deadline);
  return { state: caught.state, history: [...history, ...caught.history] };
}

/**
 * The demo's labor relations, deterministic for a seed: six units, their contracts and negotiations, and
 * grievances filed on working days from August to `today` at the given schools, each played through its
 * contract's steps on the district calendar.
 */
export function generateLaborDemo(schoolIds: readonly string[], cal: DistrictCalendar, opts: { today: string; seed: number; grievances: number; from: string }): LaborDemo {
  const r = mulberry32(opts.seed);
  const grievances: DemoGrievance[] = [];
  const span = daysBetween(opts.from, opts.today) - 3; // last filings a few days before today
  const filings = Array.from({ length: opts.grievances }, () => cal.nextWorkingDay(addDays(opts.from, Math.floor(r() * span)))).filter((d) => d <= opts.today).sort();
  for (const filedOn of filings) {
    const unit = weighted(r, DEMO_UNITS);
    const contract = governing(DEMO_CONTRACTS, unit.key, filedOn);
    const occurredOn = addDays(filedOn, -(1 + Math.floor(r() * 9)));
    const article = pick(r, unit.articles);
    const { state, history } = simulate(r, cal, contract.procedure, { occurredOn, filedOn }, opts.today);
    grievances.push({
      number: `G-${filedOn.slice(0, 4)}-${String(grievances.length + 1).padStart(4, '0')}`,
      unitKey: unit.key,
      contractKey: contract.key,
      article,
      grievantName: `${pick(r, FIRST)} ${pick(r, LAST)}`,
      grievantEmployeeId: `E${String(100000 + Math.floor(r() * 900000))}`,
      schoolId: schoolIds.length && r() < unit.atSchool ? pick(r, schoolIds) : null,
      description: description(article, r),
      occurredOn,
      filedOn,
      state,
      history,
    });
  }
  return { units: DEMO_UNITS, contracts: DEMO_CONTRACTS, negotiations: DEMO_NEGOTIATIONS, grievances };
}
