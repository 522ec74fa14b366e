import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Grade } from '@district/contracts';

/** Ed-Fi StudentSchoolAssociation: natural key student + school + entry date; an exit closes it; history is kept. */
@Entity({ name: 'enrollments' })
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId: string;

  @Column({ type: 'text' })
  grade: Grade;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate: string;

  @Column({ name: 'exit_date', type: 'date', nullable: true })
  exitDate: string | null;

  @Column({ name: 'exit_reason', type: 'text', nullable: true })
  exitReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
