import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Grade, StudentStatus } from '@district/contracts';

/** Transportation's copy of the student fields it needs, from enrollment's student events. */
@Entity({ name: 'students' })
export class ProjectedStudent {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'local_id', type: 'text' }) localId: string;
  @Column({ name: 'first_name', type: 'text' }) firstName: string;
  @Column({ name: 'last_name', type: 'text' }) lastName: string;
  @Column('text') grade: Grade;
  @Column('double precision') latitude: number;
  @Column('double precision') longitude: number;
  @Column({ name: 'iep_transportation', type: 'boolean' }) iepTransportation: boolean;
  @Column({ name: 'mckinney_vento', type: 'boolean' }) mckinneyVento: boolean;
  @Column('text') status: StudentStatus;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column('int') version: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
