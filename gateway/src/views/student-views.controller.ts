import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { GRADES, Grade, ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles, StudentData } from '@district/service-kit';
import { FoodStudentSection, TechnologyStudentSection, TransportationStudentSection } from './dto/department-sections';
import { OverviewSources } from './dto/school-overview.response';
import { StudentViewsService } from './student-views.service';

class StudentFlagsDto {
  @ApiProperty({ example: false }) iepTransportation: boolean;
  @ApiProperty({ example: true }) englishLearner: boolean;
  @ApiProperty({ example: false }) mckinneyVento: boolean;
}

class StudentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'S000123' }) localId: string;
  @ApiProperty({ example: 'Ana' }) firstName: string;
  @ApiProperty({ example: 'Silva' }) lastName: string;
  @ApiProperty({ example: '3', enum: GRADES }) grade: Grade;
  @ApiProperty({ example: 'enrolled', enum: ['enrolled', 'withdrawn', 'not-enrolled'] }) status: 'enrolled' | 'withdrawn' | 'not-enrolled';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schoolId: string | null;
  @ApiProperty({ example: 'Guild Elementary', nullable: true, type: String }) schoolName: string | null;
  @ApiProperty({ example: '2026-09-02', nullable: true, type: String }) entryDate: string | null;
  @ApiProperty({ type: StudentFlagsDto }) flags: StudentFlagsDto;
}

class StudentOverviewResponse {
  @ApiProperty({ type: StudentDto }) student: StudentDto;
  @ApiProperty({ type: TransportationStudentSection, nullable: true, description: 'eligibility and stops; null when transportation did not answer (see sources)' })
  transportation: TransportationStudentSection | null;
  @ApiProperty({ type: FoodStudentSection, nullable: true, description: 'the meal account; its eligibility category only for food:read / food:write' })
  food: FoodStudentSection | null;
  @ApiProperty({ type: TechnologyStudentSection, nullable: true, description: 'devices, open return tasks and place in the queue' })
  technology: TechnologyStudentSection | null;
  @ApiProperty({ type: OverviewSources, description: 'enrollment, transportation, food and technology only' }) sources: OverviewSources;
}

@ApiTags('students')
@Controller('api/students')
export class StudentViewsController {
  constructor(private readonly views: StudentViewsService) {}

  @Get(':id/overview')
  @Roles(ROLES.coo, ROLES.enrollmentRead, ROLES.transportationRead, ROLES.foodRead, ROLES.technologyRead)
  @StudentData()
  @ApiOperation({
    summary: 'One student across departments (FERPA: student-records, school scope, audited)',
    description:
      'Enrollment, transportation eligibility and stop, meal account (its eligibility category only for food roles) and device. ' +
      'Needs `student-records`; a school-scoped token sees only students of its schools. Every read is written to the append-only access log ' +
      '(GET /api/audit) before it is answered; if that write fails the read fails (503).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'student id' })
  @ApiOkResponse({ type: StudentOverviewResponse })
  @ApiForbiddenResponse({ description: 'no student-records role, or the student is outside the token’s schools' })
  @ApiNotFoundResponse({ description: 'enrollment knows no such student' })
  @ApiServiceUnavailableResponse({ description: 'enrollment is not answering, or the access could not be recorded (Retry-After)' })
  overview(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser): Promise<StudentOverviewResponse> {
    return this.views.overview(id, user) as Promise<StudentOverviewResponse>;
  }
}
