/** The departments, each owning one JetStream stream over `evt.<department>.>` (DESIGN.md section 3). */
export const DEPARTMENTS = ['enrollment', 'transportation', 'food', 'facilities', 'technology', 'labor-relations'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface StreamDefinition {
  department: Department;
  name: string;
  subjects: string[];
}

export function streamFor(department: Department): StreamDefinition {
  return {
    department,
    name: `EVT_${department.toUpperCase().replace(/-/g, '_')}`,
    subjects: [`evt.${department}.>`],
  };
}

/** Department owning an event subject `evt.<department>.<entity>.<verb>.vN`. */
export function departmentOfSubject(subject: string): Department | undefined {
  const dept = subject.split('.')[1];
  return (DEPARTMENTS as readonly string[]).includes(dept) ? (dept as Department) : undefined;
}
