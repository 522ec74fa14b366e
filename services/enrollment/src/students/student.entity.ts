import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Grade, StudentStatus } from '@district/contracts';

@Entity({ name: 'students' })
export class Student {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'local_id', type: 'text', unique: true })
  localId: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'text' })
  grade: Grade;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  @Column({ name: 'iep_transportation', type: 'boolean', default: false })
  iepTransportation: boolean;

  @Column({ name: 'english_learner', type: 'boolean', default: false })
  englishLearner: boolean;

  @Column({ name: 'mckinney_vento', type: 'boolean', default: false })
  mckinneyVento: boolean;

  @Column({ name: 'sibling_ids', type: 'uuid', array: true, default: '{}' })
  siblingIds: string[];

  @Column({ type: 'text', default: 'not-enrolled' })
  status: StudentStatus;

  @Column({ name: 'school_id', type: 'uuid', nullable: true })
  schoolId: string | null;

  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
