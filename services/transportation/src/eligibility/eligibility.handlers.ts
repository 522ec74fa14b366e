import { Controller, Injectable } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  EnrollmentEvents, EventEnvelope, SchoolUpserted, StudentEnrolled, StudentTransferred, StudentUpdated, StudentWithdrawn,
  TransportationRpc, TransportationSchoolSummary,
} from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';
import { SchoolRequest } from '@district/service-kit';
import { EligibilityService } from './eligibility.service';

/** Enrollment's events, applied to the projection and eligibility (each in the consumer's transaction). */
@Injectable()
export class EnrollmentEventHandlers {
  constructor(private readonly eligibility: EligibilityService) {}

  @OnEvent(EnrollmentEvents.SchoolUpserted)
  onSchool(e: EventEnvelope<SchoolUpserted>, tx: Tx) {
    return this.eligibility.applySchool(tx, e.data.school);
  }

  @OnEvent(EnrollmentEvents.StudentEnrolled)
  onEnrolled(e: EventEnvelope<StudentEnrolled>, tx: Tx) {
    return this.eligibility.applyStudent(tx, e.data.student);
  }

  @OnEvent(EnrollmentEvents.StudentTransferred)
  onTransferred(e: EventEnvelope<StudentTransferred>, tx: Tx) {
    return this.eligibility.applyStudent(tx, e.data.student);
  }

  @OnEvent(EnrollmentEvents.StudentUpdated)
  onUpdated(e: EventEnvelope<StudentUpdated>, tx: Tx) {
    return this.eligibility.applyStudent(tx, e.data.student);
  }

  @OnEvent(EnrollmentEvents.StudentWithdrawn)
  onWithdrawn(e: EventEnvelope<StudentWithdrawn>, tx: Tx) {
    return this.eligibility.applyStudent(tx, e.data.student);
  }
}

/** Request/reply (queue group `transportation`). */
@Controller()
export class EligibilityRpcHandlers {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly ds: DataSource,
  ) {}

  @MessagePattern(TransportationRpc.SchoolSummaryGet)
  schoolSummary(@Payload() req: SchoolRequest): Promise<TransportationSchoolSummary> {
    return this.eligibility.schoolSummary(this.ds.manager, req.schoolId);
  }
}
