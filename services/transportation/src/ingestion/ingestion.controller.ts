import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@district/contracts';
import { AuthUser, CurrentUser, Roles, StudentData, BodyLimit } from '@district/service-kit';
import { ArrivalItemDto, IngestResult, MileageItemDto, ScanItemDto } from './dto/ingestion.dto';
import { IngestionService } from './ingestion.service';

/**
 * Bulk feeds from scanners, GPS and fleet systems. The body is a JSON array read as-is: items are checked one
 * by one in the domain (so each rejected item is reported with its index), not by the whole-request pipe.
 */
@ApiTags('ingestion')
@Controller('api')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post('ridership/scans')
  @HttpCode(200)
  @BodyLimit('INGEST_MAX_BODY_BYTES')
  @StudentData()
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Boarding scans, up to INGEST_MAX_ITEMS (default 10,000) per request; a repeated scan of a student on a run and day counts once' })
  @ApiBody({ type: [ScanItemDto] })
  @ApiOkResponse({ type: IngestResult })
  @ApiPayloadTooLargeResponse({ description: 'too many items or too large a body' })
  scans(@Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.ingestion.scans(body, user);
  }

  @Post('arrivals')
  @HttpCode(200)
  @BodyLimit('INGEST_MAX_BODY_BYTES')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Actual arrivals of runs (AM at school, PM at the last stop); a later report for a run and day replaces the earlier one' })
  @ApiBody({ type: [ArrivalItemDto] })
  @ApiOkResponse({ type: IngestResult })
  arrivals(@Body() body: unknown) {
    return this.ingestion.arrivals(body);
  }

  @Post('mileage')
  @HttpCode(200)
  @BodyLimit('INGEST_MAX_BODY_BYTES')
  @Roles(ROLES.transportationWrite)
  @ApiOperation({ summary: 'Miles driven per vehicle and day; a later report for a vehicle and day replaces the earlier one' })
  @ApiBody({ type: [MileageItemDto] })
  @ApiOkResponse({ type: IngestResult })
  mileage(@Body() body: unknown) {
    return this.ingestion.mileage(body);
  }
}
