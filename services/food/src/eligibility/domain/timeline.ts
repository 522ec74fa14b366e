import type { MealCategory } from '@district/contracts';

/** A stretch of time [from, to) — `to` exclusive, null for open-ended — on YYYY-MM-DD dates. */
export interface Spell {
  schoolId: string;
  from: string;
  to: string | null;
}

export interface Determination {
  category: MealCategory;
  /** certified without an application (direct certification, household extension, categorical): counts toward CEP's ISP */
  identified: boolean;
  from: string;
  to: string | null;
}

/** A piece of a student's timeline with one school, one category: what the census counts. */
export interface Segment {
  schoolId: string;
  category: MealCategory;
  identified: boolean;
  from: string;
  to: string | null;
}

const RANK: Record<MealCategory, number> = { paid: 0, reduced: 1, free: 2 };

/** The student's standing on a day: the most beneficial determination in effect (USDA), paid when none. */
export function bestOn(determinations: Determination[], day: string): { category: MealCategory; identified: boolean } {
  let best: { category: MealCategory; identified: boolean } = { category: 'paid', identified: false };
  for (const d of determinations) {
    if (d.from > day || (d.to !== null && d.to <= day)) continue;
    const better = RANK[d.category] > RANK[best.category] || (RANK[d.category] === RANK[best.category] && d.identified && !best.identified);
    if (better) best = { category: d.category, identified: d.identified };
  }
  return best;
}

/**
 * Splits a student's meal-account spells at every date a determination starts or ends, and gives each
 * piece the best category in effect; adjacent pieces that are alike are merged.
 */
export function buildSegments(spells: Spell[], determinations: Determination[]): Segment[] {
  const out: Segment[] = [];
  const cuts = new Set<string>();
  for (const d of determinations) {
    cuts.add(d.from);
    if (d.to) cuts.add(d.to);
  }
  const sortedCuts = [...cuts].sort();
  for (const spell of [...spells].sort((a, b) => a.from.localeCompare(b.from))) {
    if (spell.to !== null && spell.to <= spell.from) continue;
    const bounds = [spell.from, ...sortedCuts.filter((c) => c > spell.from && (spell.to === null || c < spell.to))];
    for (let i = 0; i < bounds.length; i++) {
      const from = bounds[i];
      const to = i + 1 < bounds.length ? bounds[i + 1] : spell.to;
      const { category, identified } = bestOn(determinations, from);
      const last = out[out.length - 1];
      if (last && last.schoolId === spell.schoolId && last.to === from && last.category === category && last.identified === identified) last.to = to;
      else out.push({ schoolId: spell.schoolId, category, identified, from, to });
    }
  }
  return out;
}
