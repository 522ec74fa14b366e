import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DepartmentQueries, EnrollmentStudentSummary } from '@district/contracts';
import { StudentSummaryRequestDto } from '@district/service-kit';
import { StudentsService } from './students.service';

/** Request/reply for the gateway's student overview (queue group `enrollment`). */
@Controller()
export class StudentsHandlers {
  constructor(private readonly students: StudentsService) {}

  @MessagePattern(DepartmentQueries.studentSummary('enrollment'))
  summary(@Payload() req: StudentSummaryRequestDto): Promise<EnrollmentStudentSummary> {
    return this.students.summary(req.studentId);
  }
}
