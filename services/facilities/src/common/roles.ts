import { ROLES } from '@district/contracts';

/** Who reads facilities data, and who changes it. */
export const READERS = [ROLES.coo, ROLES.ops, ROLES.facilitiesRead, ROLES.facilitiesWrite];
export const WRITERS = [ROLES.facilitiesWrite];
