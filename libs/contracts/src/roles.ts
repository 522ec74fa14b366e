/**
 * Roles carried in the JWT `roles` claim (DESIGN.md section 1).
 * `student-records` is needed, on top of a department role, for any student-level data (FERPA).
 */
export const ROLES = {
  coo: 'coo',
  ops: 'ops',
  /** reads the student-record access log (FERPA audit) */
  auditor: 'auditor',
  studentRecords: 'student-records',
  enrollmentRead: 'enrollment:read',
  enrollmentWrite: 'enrollment:write',
  transportationRead: 'transportation:read',
  transportationWrite: 'transportation:write',
  foodRead: 'food:read',
  foodWrite: 'food:write',
  facilitiesRead: 'facilities:read',
  facilitiesWrite: 'facilities:write',
  technologyRead: 'technology:read',
  technologyWrite: 'technology:write',
  laborRead: 'labor:read',
  laborWrite: 'labor:write',
} as const;
export type Role = (typeof ROLES)[keyof typeof ROLES] | string;

export const JWT_ISSUER = 'district-ops';
export const JWT_AUDIENCE = 'district-ops-api';
