import { Inject, Injectable } from '@nestjs/common';
import { EnrollmentEvents, EventEnvelope, SchoolUpserted, StudentEnrolled, StudentTransferred, StudentUpdated, StudentWithdrawn } from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';
import { dateInZone } from '../shared/dates';
import { FOOD_SETTINGS, FoodSettings } from '../settings';
import { ProjectionService } from './projection.service';

/** Enrollment's events, applied in the consumer's transaction (inbox + version guard: idempotent). */
@Injectable()
export class EnrollmentEventHandlers {
  constructor(
    private readonly projection: ProjectionService,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  private day(e: EventEnvelope): string {
    return dateInZone(new Date(e.occurredAt), this.settings.timezone);
  }

  @OnEvent(EnrollmentEvents.SchoolUpserted)
  onSchool(e: EventEnvelope<SchoolUpserted>, tx: Tx) {
    return this.projection.applySchool(tx, e.data.school);
  }

  @OnEvent(EnrollmentEvents.StudentEnrolled)
  onEnrolled(e: EventEnvelope<StudentEnrolled>, tx: Tx) {
    return this.projection.applyStudent(tx, e.data.student, e.data.entryDate);
  }

  @OnEvent(EnrollmentEvents.StudentTransferred)
  onTransferred(e: EventEnvelope<StudentTransferred>, tx: Tx) {
    return this.projection.applyStudent(tx, e.data.student, e.data.entryDate);
  }

  @OnEvent(EnrollmentEvents.StudentWithdrawn)
  onWithdrawn(e: EventEnvelope<StudentWithdrawn>, tx: Tx) {
    return this.projection.applyStudent(tx, e.data.student, e.data.exitDate);
  }

  @OnEvent(EnrollmentEvents.StudentUpdated)
  onUpdated(e: EventEnvelope<StudentUpdated>, tx: Tx) {
    return this.projection.applyStudent(tx, e.data.student, this.day(e));
  }
}
