import { EntityManager } from 'typeorm';
import { AuthUser, ProblemException, assertSchoolScope } from '@district/service-kit';

export interface BuildingRef {
  id: string;
  schoolId: string | null;
}

/**
 * The building a request is about: `buildingId`, or the primary building of `schoolId`; checked against
 * the caller's school scope. `lock` takes the row lock so concurrent changes to one building serialise.
 */
export async function resolveBuilding(manager: EntityManager, user: AuthUser | null, ref: { buildingId?: string; schoolId?: string }, lock = false): Promise<BuildingRef> {
  if (!ref.buildingId && !ref.schoolId) {
    throw new ProblemException(422, 'give schoolId or buildingId', { errors: [{ field: 'schoolId', message: 'schoolId or buildingId is required' }] });
  }
  const rows: BuildingRef[] = ref.buildingId
    ? await manager.query(`SELECT id, school_id AS "schoolId" FROM buildings WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [ref.buildingId])
    : await manager.query(`SELECT id, school_id AS "schoolId" FROM buildings WHERE school_id = $1 AND is_primary ${lock ? 'FOR UPDATE' : ''}`, [ref.schoolId]);
  const b = rows[0];
  if (!b) {
    const field = ref.buildingId ? 'buildingId' : 'schoolId';
    throw new ProblemException(422, ref.buildingId ? 'no such building' : 'no building for this school (yet)', { errors: [{ field, message: 'unknown' }] });
  }
  if (ref.buildingId && ref.schoolId && b.schoolId !== ref.schoolId) {
    throw new ProblemException(422, 'the building does not house this school', { errors: [{ field: 'buildingId', message: 'not a building of schoolId' }] });
  }
  if (user) assertSchoolScope(user, b.schoolId);
  return b;
}
