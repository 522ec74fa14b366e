import { Injectable } from '@nestjs/common';
import { EnrollmentEvents, EventEnvelope, SchoolUpserted } from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';
import { BuildingsService } from './buildings.service';

/** Enrollment's school events: the projection and each school's primary building (in the consumer's transaction). */
@Injectable()
export class SchoolEventHandlers {
  constructor(private readonly buildings: BuildingsService) {}

  @OnEvent(EnrollmentEvents.SchoolUpserted)
  onSchool(e: EventEnvelope<SchoolUpserted>, tx: Tx) {
    return this.buildings.applySchool(tx, e.data.school);
  }
}
