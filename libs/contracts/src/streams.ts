/** The departments, each owning one JetStream stream over `evt.<prefix>.>` (DESIGN.md section 3). */
export const DEPARTMENTS = ['enrollment', 'transportation', 'food', 'facilities', 'technology', 'labor-relations'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/**
 * The subject prefix of a department's events (`evt.<prefix>.…`) and request/reply subjects (`<prefix>.…`).
 * It is the department's name, except labor relations, whose published subjects are `evt.labor.…`.
 */
const SUBJECT_PREFIX: Record<Department, string> = {
  enrollment: 'enrollment',
  transportation: 'transportation',
  food: 'food',
  facilities: 'facilities',
  technology: 'technology',
  'labor-relations': 'labor',
};

export function subjectPrefix(department: Department): string {
  return SUBJECT_PREFIX[department];
}

export interface StreamDefinition {
  department: Department;
  name: string;
  subjects: string[];
}

export function streamFor(department: Department): StreamDefinition {
  return {
    department,
    name: `EVT_${department.toUpperCase().replace(/-/g, '_')}`,
    subjects: [`evt.${subjectPrefix(department)}.>`],
  };
}

/** Department owning an event subject `evt.<prefix>.<entity>.<verb>.vN`. */
export function departmentOfSubject(subject: string): Department | undefined {
  const prefix = subject.split('.')[1];
  return DEPARTMENTS.find((d) => SUBJECT_PREFIX[d] === prefix);
}
