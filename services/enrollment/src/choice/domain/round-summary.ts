/** Figures of a run kept with the round, so KPIs never read every result row. */
export interface RoundSummaryRow {
  choices: { schoolId: string }[];
  assignedSchoolId: string | null;
  waitlist: { schoolId: string }[];
}

export interface SchoolChoiceFigures {
  applicants: number;
  firstChoiceApplicants: number;
  firstChoiceAssigned: number;
  assigned: number;
  waitlist: number;
}

export interface ChoiceRoundSummary {
  applicants: number;
  assigned: number;
  firstChoice: number;
  waitlist: number;
  bySchool: Record<string, SchoolChoiceFigures>;
}

export function summarizeRound(rows: RoundSummaryRow[]): ChoiceRoundSummary {
  const bySchool: Record<string, SchoolChoiceFigures> = {};
  const at = (id: string) => (bySchool[id] ??= { applicants: 0, firstChoiceApplicants: 0, firstChoiceAssigned: 0, assigned: 0, waitlist: 0 });
  let assigned = 0;
  let firstChoice = 0;
  let waitlist = 0;
  for (const r of rows) {
    for (const c of r.choices) at(c.schoolId).applicants++;
    const first = r.choices[0]?.schoolId;
    if (first) at(first).firstChoiceApplicants++;
    if (r.assignedSchoolId) {
      assigned++;
      at(r.assignedSchoolId).assigned++;
      if (r.assignedSchoolId === first) {
        firstChoice++;
        at(first).firstChoiceAssigned++;
      }
    }
    for (const w of r.waitlist) at(w.schoolId).waitlist++;
    waitlist += r.waitlist.length;
  }
  return { applicants: rows.length, assigned, firstChoice, waitlist, bySchool };
}
