import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, BodyLimit, CurrentUser, Roles } from '@district/service-kit';
import { DailyCountPage, DailyCountsQuery, IngestResponse, MealTransactionDto } from './dto/meals.dto';
import { MealsService } from './meals.service';

@ApiTags('meals')
@Controller()
export class MealsController {
  constructor(private readonly meals: MealsService) {}

  @Post('/api/meal-transactions')
  @HttpCode(200)
  @BodyLimit('FOOD_MEAL_BATCH_MAX_BYTES')
  @Roles(ROLES.foodWrite)
  @ApiOperation({
    summary: 'Ingest a batch of point-of-sale transactions (a JSON array, up to 10,000 by default). Each item is accepted or rejected with its reasons; accepted items are stored and counted in one transaction; an id sent before is counted once.',
  })
  @ApiBody({ type: [MealTransactionDto] })
  @ApiOkResponse({ type: IngestResponse })
  @ApiPayloadTooLargeResponse({ description: 'more items or bytes than FOOD_MEAL_BATCH_MAX_ITEMS / FOOD_MEAL_BATCH_MAX_BYTES' })
  ingest(@Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.meals.ingest(body, user);
  }

  @Get('/api/meal-counts')
  @Roles(ROLES.coo, ROLES.foodRead, ROLES.foodWrite)
  @ApiOperation({ summary: 'Meals per school and day by meal type and category (maintained as transactions arrive)' })
  @ApiOkResponse({ type: DailyCountPage })
  counts(@Query() q: DailyCountsQuery, @CurrentUser() user: AuthUser) {
    return this.meals.dailyCounts(q, user);
  }
}
