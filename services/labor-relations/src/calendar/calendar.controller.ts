import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { PageQuery, Roles } from '@district/service-kit';
import { CalendarService } from './calendar.service';
import {
  AddDaysOffDto, CreateSchoolYearDto, DayOffPage, DayOffView, DaysOffQuery, DeadlinePreview, DeadlinePreviewQuery, SchoolYearPage, SchoolYearView,
  UpdateSchoolYearDto,
} from './dto/calendar.dto';

const READ = [ROLES.laborRead, ROLES.laborWrite, ROLES.coo];

@ApiTags('calendar')
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('school-years')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Adds a school year (first and last day of school). School years may not overlap (409). Open grievance deadlines are recomputed.' })
  @ApiCreatedResponse({ type: SchoolYearView })
  createYear(@Body() dto: CreateSchoolYearDto) {
    return this.calendar.createYear(dto);
  }

  @Get('school-years')
  @Roles(...READ)
  @ApiOperation({ summary: 'School years, oldest first, with their number of school days.' })
  @ApiOkResponse({ type: SchoolYearPage })
  listYears(@Query() q: PageQuery) {
    return this.calendar.listYears(q);
  }

  @Get('school-years/:id')
  @Roles(...READ)
  @ApiOperation({ summary: 'One school year.' })
  @ApiOkResponse({ type: SchoolYearView })
  getYear(@Param('id', ParseUUIDPipe) id: string) {
    return this.calendar.getYear(id);
  }

  @Patch('school-years/:id')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: "Changes a school year's name or dates. Open grievance deadlines are recomputed." })
  @ApiOkResponse({ type: SchoolYearView })
  updateYear(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSchoolYearDto) {
    return this.calendar.updateYear(id, dto);
  }

  @Post('days-off')
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Adds holidays (schools and offices closed) and breaks (schools closed), up to 500 at once. Open grievance deadlines are recomputed.' })
  @ApiCreatedResponse({ type: [DayOffView] })
  addDaysOff(@Body() dto: AddDaysOffDto) {
    return this.calendar.addDaysOff(dto);
  }

  @Get('days-off')
  @Roles(...READ)
  @ApiOperation({ summary: 'Holidays and breaks, by date.' })
  @ApiOkResponse({ type: DayOffPage })
  listDaysOff(@Query() q: DaysOffQuery) {
    return this.calendar.listDaysOff(q);
  }

  @Delete('days-off/:id')
  @HttpCode(204)
  @Roles(ROLES.laborWrite)
  @ApiOperation({ summary: 'Removes a holiday or break. Open grievance deadlines are recomputed.' })
  @ApiNoContentResponse()
  deleteDayOff(@Param('id', ParseUUIDPipe) id: string) {
    return this.calendar.deleteDayOff(id);
  }

  @Get('deadline')
  @Roles(...READ)
  @ApiOperation({ summary: 'Computes a contractual deadline: N school, working or calendar days from a date, on the district calendar (and a contract’s summer rule).' })
  @ApiOkResponse({ type: DeadlinePreview })
  deadline(@Query() q: DeadlinePreviewQuery) {
    return this.calendar.previewDeadline(q);
  }
}
