import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Grade } from '@district/contracts';

/** Transportation's copy of a school, from evt.enrollment.school.upserted.v1. */
@Entity({ name: 'schools' })
export class ProjectedSchool {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('double precision') latitude: number;
  @Column('double precision') longitude: number;
  @Column('text', { array: true }) grades: Grade[];
  @Column('int') version: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
