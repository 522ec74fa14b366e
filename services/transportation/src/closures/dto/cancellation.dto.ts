import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@district/service-kit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CancelRunDto {
  @ApiProperty({ example: '2026-11-24' }) @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date: string;
  @ApiProperty({ example: 'no driver available' }) @IsString() @MinLength(1) @MaxLength(300) reason: string;
}

export class CancellationQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ example: '2026-11-23' }) @IsOptional() @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to?: string;
}

export class CancellationView {
  @ApiProperty() runId: string;
  @ApiPropertyOptional({ example: 'R-0101-AM' }) runCode?: string;
  @ApiProperty({ example: '2026-11-24' }) date: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: 'building closed: water main break' }) reason: string;
  @ApiProperty({ enum: ['closure', 'manual'] }) source: string;
  @ApiProperty({ nullable: true }) closureId: string | null;
}

export class CancellationPage {
  @ApiProperty({ type: [CancellationView] }) items: CancellationView[];
  @ApiProperty({ example: 1 }) total: number;
}
