import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../shared/validators';

export class CepElectionDto {
  @ApiProperty({ example: 'Dorchester group' }) @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ type: [String], description: 'one school, or a group whose ISP is computed together' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsUUID('all', { each: true })
  schoolIds: string[];

  @ApiProperty({ example: '2026-07-01', description: 'first day meals are claimed under CEP' }) @IsBusinessDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2026-04-01', description: 'the day whose identified and enrolled students give the ISP (default: effectiveFrom)' })
  @IsOptional() @IsBusinessDate()
  asOf?: string;
}

export class CepElectionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Dorchester group' }) name: string;
  @ApiProperty({ type: [String] }) schoolIds: string[];
  @ApiProperty({ example: '2026-09-02' }) asOf: string;
  @ApiProperty({ example: 212 }) identified: number;
  @ApiProperty({ example: 480 }) enrolled: number;
  @ApiProperty({ example: 44.1667, description: 'identified ÷ enrolled, in %' }) isp: number;
  @ApiProperty({ example: 70.6667, description: 'min(ISP × multiplier, 100 %) after the configured rounding' }) freeClaimingPercent: number;
  @ApiProperty({ example: 29.3333 }) paidClaimingPercent: number;
  @ApiProperty({ example: '2026-07-01' }) effectiveFrom: string;
  @ApiProperty({ nullable: true }) effectiveTo: string | null;
}

export class CepElectionPage {
  @ApiProperty({ type: [CepElectionResponse] }) items: CepElectionResponse[];
  @ApiProperty({ example: 1 }) total: number;
}

export class IspQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-09-30', description: "the census day (default: the district's today)" })
  @IsOptional() @IsBusinessDate()
  asOf?: string;
}

export class SchoolIspRow {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: '4123' }) code: string;
  @ApiProperty({ example: 'Hernandez K-8' }) name: string;
  @ApiProperty({ example: 180 }) identified: number;
  @ApiProperty({ example: 400 }) enrolled: number;
  @ApiProperty({ example: 45, nullable: true }) isp: number | null;
  @ApiProperty({ example: true }) qualifies: boolean;
  @ApiProperty({ example: 72, nullable: true }) freeClaimingPercent: number | null;
}

export class SchoolIspPage {
  @ApiProperty({ type: [SchoolIspRow] }) items: SchoolIspRow[];
  @ApiProperty({ example: 1 }) total: number;
}
