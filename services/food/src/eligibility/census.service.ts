import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MealCategory } from '@district/contracts';

export interface CensusCounts {
  free: number;
  reduced: number;
  paid: number;
  /** certified without an application (part of the above) */
  identified: number;
}

const EMPTY = (): CensusCounts => ({ free: 0, reduced: 0, paid: 0, identified: 0 });

/** Open meal accounts per school and category on any day, from prefix sums over the maintained census deltas. */
export class CensusTimeline {
  /** per school: days ascending with the counts in effect from that day */
  private readonly steps = new Map<string, { day: string; counts: CensusCounts }[]>();

  constructor(rows: { schoolId: string; day: string; category: MealCategory; identified: boolean; delta: number }[]) {
    const running = new Map<string, CensusCounts>();
    for (const r of rows) {
      const c = { ...(running.get(r.schoolId) ?? EMPTY()) };
      c[r.category] += r.delta;
      if (r.identified) c.identified += r.delta;
      running.set(r.schoolId, c);
      const list = this.steps.get(r.schoolId) ?? [];
      if (list.length && list[list.length - 1].day === r.day) list[list.length - 1].counts = c;
      else list.push({ day: r.day, counts: c });
      this.steps.set(r.schoolId, list);
    }
  }

  on(schoolId: string, day: string): CensusCounts {
    const list = this.steps.get(schoolId);
    if (!list || !list.length || list[0].day > day) return EMPTY();
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].day <= day) lo = mid;
      else hi = mid - 1;
    }
    return list[lo].counts;
  }

  schools(): string[] {
    return [...this.steps.keys()];
  }
}

export const enrolledOf = (c: CensusCounts) => c.free + c.reduced + c.paid;

@Injectable()
export class CensusService {
  /** The census of the given schools (null: all) up to `until`, ready for lookups on any day up to it. */
  async timeline(manager: EntityManager, until: string, schoolIds: string[] | null): Promise<CensusTimeline> {
    const rows = await manager.query(
      `SELECT school_id AS "schoolId", day::text AS day, category, identified, delta FROM census_deltas
       WHERE day <= $1::date AND delta <> 0 AND ($2::uuid[] IS NULL OR school_id = ANY($2::uuid[])) ORDER BY school_id, day`,
      [until, schoolIds],
    );
    return new CensusTimeline(rows);
  }
}
