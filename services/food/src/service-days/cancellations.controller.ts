import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles } from '@district/service-kit';
import { CancellationsService } from './cancellations.service';
import { CancellationPage, CancellationQuery, CancellationResponse, CreateCancellationDto, LiftCancellationDto } from './dto/cancellations.dto';

@ApiTags('meal service')
@Controller('api/meal-service/cancellations')
export class CancellationsController {
  constructor(private readonly cancellations: CancellationsService) {}

  @Post()
  @HttpCode(201)
  @Roles(ROLES.foodWrite)
  @ApiOperation({ summary: "Cancel meal service at a school on its serving days from..to (the kitchen's own decision; building closures arrive from facilities). Publishes evt.food.service.cancelled.v1" })
  @ApiCreatedResponse({ type: CancellationResponse })
  @ApiNotFoundResponse({ description: 'no such school' })
  create(@Body() dto: CreateCancellationDto, @CurrentUser() user: AuthUser) {
    return this.cancellations.create(dto, user);
  }

  @Post(':id/lift')
  @HttpCode(200)
  @Roles(ROLES.foodWrite)
  @ApiOperation({ summary: 'Resume meal service from a day (publishes evt.food.service.restored.v1 for the days given back)' })
  @ApiOkResponse({ type: CancellationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'a building closure is lifted by facilities' })
  lift(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: LiftCancellationDto, @CurrentUser() user: AuthUser) {
    return this.cancellations.lift(id, dto.from, user);
  }

  @Get()
  @Roles(ROLES.coo, ROLES.foodRead, ROLES.foodWrite)
  @ApiOperation({ summary: 'Meal service cancellations, by school and day' })
  @ApiOkResponse({ type: CancellationPage })
  list(@Query() q: CancellationQuery, @CurrentUser() user: AuthUser) {
    return this.cancellations.list(q, user);
  }
}
