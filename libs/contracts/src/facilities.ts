import { defineEvent } from './envelope';

/**
 * Building closures are published by facilities and acted on by other departments (DOMAIN.md section 7,
 * flow 4): transportation cancels the runs serving the school on those dates, food cancels meal service.
 * The facilities service extends this file with the rest of its contract.
 */
export type ClosureKind = 'emergency' | 'planned';

export interface BuildingClosure {
  closureId: string;
  buildingId: string;
  /** the school housed in the building (enrollment's id); null for a building without a school */
  schoolId: string | null;
  kind: ClosureKind;
  /** first and last closed day, YYYY-MM-DD, inclusive */
  from: string;
  to: string;
  reason: string;
  /** increases with every change of this closure, so consumers ignore an older copy */
  version: number;
}

export const FacilitiesEvents = {
  /** a closure was declared or its dates changed */
  ClosureScheduled: defineEvent<BuildingClosure>('facilities', 'closure', 'scheduled', 1),
  /** a closure was lifted (cancelled or ended early): the days from `liftedFrom` on are open again */
  ClosureLifted: defineEvent<BuildingClosure & { liftedFrom: string }>('facilities', 'closure', 'lifted', 1),
} as const;
