import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles, StudentData } from '@district/service-kit';
import { CreateStudentDto, StudentListQuery, StudentPage, StudentResponse, UpdateStudentDto } from './dto/student.dto';
import { StudentsService } from './students.service';

@ApiTags('students')
@StudentData()
@Controller('api/students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Add a student to the register (enrol them with POST /api/enrollments). Needs student-records.' })
  @ApiCreatedResponse({ type: StudentResponse })
  @ApiBadRequestResponse()
  @ApiConflictResponse({ description: 'a student with this localId exists' })
  create(@Body() dto: CreateStudentDto) {
    return this.students.create(dto);
  }

  @Get()
  @Roles(ROLES.enrollmentRead, ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Students, filtered by school and grade. Needs student-records; school-scoped callers see their schools only.' })
  @ApiOkResponse({ type: StudentPage })
  list(@Query() q: StudentListQuery, @CurrentUser() user: AuthUser) {
    return this.students.list(q, user);
  }

  @Get(':id')
  @Roles(ROLES.enrollmentRead, ROLES.enrollmentWrite)
  @ApiOkResponse({ type: StudentResponse })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.students.get(id, user);
  }

  @Patch(':id')
  @Roles(ROLES.enrollmentWrite)
  @ApiOperation({ summary: 'Change a student (address, grade, flags, siblings...); publishes evt.enrollment.student.updated.v1 when enrolled' })
  @ApiOkResponse({ type: StudentResponse })
  @ApiNotFoundResponse()
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateStudentDto) {
    return this.students.update(id, dto);
  }
}
