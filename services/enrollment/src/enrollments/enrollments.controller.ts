import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { Roles, StudentData } from '@district/service-kit';
import { EnrollDto, EnrollmentResponse, TransferDto, WithdrawDto } from './dto/enrollment.dto';
import { EnrollmentsService } from './enrollments.service';

@ApiTags('enrollments')
@StudentData()
@Roles(ROLES.enrollmentWrite)
@Controller('api')
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @Post('enrollments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Enrol a student at a school (publishes evt.enrollment.student.enrolled.v1)' })
  @ApiCreatedResponse({ type: EnrollmentResponse })
  @ApiConflictResponse({ description: 'the student is already enrolled' })
  @ApiUnprocessableEntityResponse({ description: 'unknown school, or a grade the school does not serve' })
  enroll(@Body() dto: EnrollDto) {
    return this.enrollments.enroll(dto);
  }

  @Post('enrollments/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an enrollment (publishes evt.enrollment.student.withdrawn.v1)' })
  @ApiOkResponse({ type: EnrollmentResponse })
  @ApiNotFoundResponse()
  withdraw(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: WithdrawDto) {
    return this.enrollments.withdraw(id, dto);
  }

  @Post('students/:id/transfer')
  @HttpCode(201)
  @ApiOperation({ summary: 'Move an enrolled student to another school (publishes evt.enrollment.student.transferred.v1)' })
  @ApiCreatedResponse({ type: EnrollmentResponse })
  transfer(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TransferDto) {
    return this.enrollments.transfer(id, dto);
  }
}
