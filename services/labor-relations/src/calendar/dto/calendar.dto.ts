import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { DayUnit } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { IsIsoDate } from '../../common/validators';
import { DAY_UNITS } from '../domain/deadlines';
import type { DayOffKind } from '../domain/district-calendar';

const KINDS: DayOffKind[] = ['holiday', 'break'];

export class CreateSchoolYearDto {
  @ApiProperty({ example: 'SY 2026-27' }) @IsString() @IsNotEmpty() @MaxLength(40) name: string;
  @ApiProperty({ example: '2026-09-02', description: 'first day of school' }) @IsIsoDate() startsOn: string;
  @ApiProperty({ example: '2027-06-22', description: 'last day of school' }) @IsIsoDate() endsOn: string;
}

export class UpdateSchoolYearDto extends PartialType(CreateSchoolYearDto) {}

export class SchoolYearView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SY 2026-27' }) name: string;
  @ApiProperty({ example: '2026-09-02' }) startsOn: string;
  @ApiProperty({ example: '2027-06-22' }) endsOn: string;
  @ApiProperty({ example: 178, description: 'school days in the year (weekdays other than holidays and breaks)' }) schoolDays: number;
}

export class SchoolYearPage {
  @ApiProperty({ type: [SchoolYearView] }) items: SchoolYearView[];
  @ApiProperty({ example: 2 }) total: number;
}

export class DayOffDto {
  @ApiProperty({ example: '2026-11-26' }) @IsIsoDate() startsOn: string;
  @ApiProperty({ example: '2026-11-27', description: 'last day off, inclusive (same as startsOn for one day)' }) @IsIsoDate() endsOn: string;
  @ApiProperty({ enum: KINDS, example: 'holiday', description: 'holiday: schools and offices closed; break: schools closed, offices open' })
  @IsIn(KINDS) kind: DayOffKind;
  @ApiProperty({ example: 'Thanksgiving' }) @IsString() @IsNotEmpty() @MaxLength(120) name: string;
}

export class AddDaysOffDto {
  @ApiProperty({ type: [DayOffDto] })
  @ValidateNested({ each: true }) @Type(() => DayOffDto) @ArrayMinSize(1) @ArrayMaxSize(500)
  items: DayOffDto[];
}

export class DayOffView extends DayOffDto {
  @ApiProperty() id: string;
}

export class DayOffPage {
  @ApiProperty({ type: [DayOffView] }) items: DayOffView[];
  @ApiProperty({ example: 14 }) total: number;
}

export class DaysOffQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-09-01', description: 'days off ending on or after' }) @IsOptional() @IsIsoDate() from?: string;
  @ApiPropertyOptional({ example: '2027-06-30', description: 'days off starting on or before' }) @IsOptional() @IsIsoDate() to?: string;
}

export class DeadlinePreviewQuery {
  @ApiProperty({ example: '2026-11-20', description: 'the day the time limit counts from (not counted)' }) @IsIsoDate() from: string;
  @ApiProperty({ example: 10 }) @Type(() => Number) @IsInt() @Min(1) @Max(365) days: number;
  @ApiProperty({ enum: DAY_UNITS, example: 'school' }) @IsIn(DAY_UNITS) unit: DayUnit;
  @ApiPropertyOptional({ description: "apply this contract's summer rule and weekend/holiday rule (default: calendar days in summer, roll to the next working day)" })
  @IsOptional() @IsUUID() contractId?: string;
}

export class DeadlinePreview {
  @ApiProperty({ example: '2026-11-20' }) from: string;
  @ApiProperty({ example: 10 }) days: number;
  @ApiProperty({ enum: DAY_UNITS, example: 'school' }) unit: DayUnit;
  @ApiProperty({ example: '2026-12-08' }) dueOn: string;
}
