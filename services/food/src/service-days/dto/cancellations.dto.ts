import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../shared/validators';

export class CreateCancellationDto {
  @ApiProperty() @IsUUID() schoolId: string;
  @ApiProperty({ example: '2026-11-23' }) @IsBusinessDate() from: string;
  @ApiProperty({ example: '2026-11-23' }) @IsBusinessDate() to: string;
  @ApiProperty({ example: 'walk-in freezer failure: no production' }) @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

export class LiftCancellationDto {
  @ApiProperty({ example: '2026-11-24', description: 'meal service resumes on this day' }) @IsBusinessDate() from: string;
}

export class CancellationQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ example: '2026-11-23', description: 'only cancellations covering this day' }) @IsOptional() @IsBusinessDate() date?: string;
}

export class CancellationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['building-closure', 'food-service'] }) origin: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ example: '2026-11-23' }) from: string;
  @ApiProperty({ example: '2026-11-24' }) to: string;
  @ApiProperty({ nullable: true, example: null }) liftedFrom: string | null;
  @ApiProperty({ example: 'boiler failure' }) reason: string;
  @ApiProperty({ nullable: true, example: 'emergency' }) kind: string | null;
  @ApiProperty({ type: [String], example: ['2026-11-23', '2026-11-24'], description: 'the serving days cancelled' }) dates: string[];
  @ApiProperty({ example: 1 }) version: number;
}

export class CancellationPage {
  @ApiProperty({ type: [CancellationResponse] }) items: CancellationResponse[];
  @ApiProperty({ example: 1 }) total: number;
}
