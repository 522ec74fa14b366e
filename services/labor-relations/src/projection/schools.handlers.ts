import { Injectable } from '@nestjs/common';
import { EnrollmentEvents, EventEnvelope, SchoolUpserted } from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';

/**
 * Labor relations' copy of enrollment's schools (id, code, name), from its events: a snapshot replaces
 * the copy only when newer (events may arrive twice or out of order; the inbox drops exact repeats).
 */
@Injectable()
export class SchoolProjection {
  @OnEvent(EnrollmentEvents.SchoolUpserted)
  async onSchool(e: EventEnvelope<SchoolUpserted>, tx: Tx): Promise<void> {
    const s = e.data.school;
    await tx.manager.query(
      `INSERT INTO schools (id, code, name, version, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, version = EXCLUDED.version, updated_at = now()
       WHERE schools.version < EXCLUDED.version`,
      [s.id, s.code, s.name, s.version],
    );
  }
}
