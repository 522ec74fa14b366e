import { Injectable } from '@nestjs/common';
import { EnrollmentEvents, EventEnvelope, SchoolUpserted, StudentEnrolled, StudentSnapshot, StudentTransferred, StudentUpdated, StudentWithdrawn } from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';
import { localDate } from '../common/dates';
import { TechnologyEnv } from '../config';
import { OneToOneService } from './one-to-one.service';

/** Enrollment's events, applied to the projection and the 1:1 program (each in the consumer's transaction, with its inbox row). */
@Injectable()
export class EnrollmentEventHandlers {
  constructor(
    private readonly oneToOne: OneToOneService,
    private readonly env: TechnologyEnv,
  ) {}

  private apply(e: EventEnvelope<{ student: StudentSnapshot }>, tx: Tx, date: string | null) {
    return this.oneToOne.applyStudent(tx, e.data.student, date, localDate(new Date(e.occurredAt), this.env.DISTRICT_TIMEZONE));
  }

  @OnEvent(EnrollmentEvents.SchoolUpserted)
  onSchool(e: EventEnvelope<SchoolUpserted>, tx: Tx) {
    return this.oneToOne.applySchool(tx, e.data.school);
  }

  @OnEvent(EnrollmentEvents.StudentEnrolled)
  onEnrolled(e: EventEnvelope<StudentEnrolled>, tx: Tx) {
    return this.apply(e, tx, e.data.entryDate);
  }

  @OnEvent(EnrollmentEvents.StudentTransferred)
  onTransferred(e: EventEnvelope<StudentTransferred>, tx: Tx) {
    return this.apply(e, tx, e.data.entryDate);
  }

  @OnEvent(EnrollmentEvents.StudentWithdrawn)
  onWithdrawn(e: EventEnvelope<StudentWithdrawn>, tx: Tx) {
    return this.apply(e, tx, e.data.exitDate);
  }

  /** grade changes can move a student into or out of a 1:1 grade */
  @OnEvent(EnrollmentEvents.StudentUpdated)
  onUpdated(e: EventEnvelope<StudentUpdated>, tx: Tx) {
    return this.apply(e, tx, null);
  }
}
