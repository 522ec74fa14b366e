import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EligibilityDetermined } from '@district/contracts';

/** A student's current transportation eligibility. */
@Entity({ name: 'eligibility' })
export class Eligibility {
  @PrimaryColumn({ name: 'student_id', type: 'uuid' }) studentId: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column('text') status: EligibilityDetermined['status'];
  @Column('text') reason: string;
  @Column({ name: 'distance_miles', type: 'double precision', nullable: true }) distanceMiles: number | null;
  @Column({ name: 'determined_at', type: 'timestamptz' }) determinedAt: Date;
}
