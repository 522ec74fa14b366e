import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@district/service-kit';

export class CreateUnitDto {
  @ApiProperty({ example: 'Teachers' }) @IsString() @IsNotEmpty() @MaxLength(120) name: string;
  @ApiProperty({ example: 'American Federation of Teachers (AFT)' }) @IsString() @IsNotEmpty() @MaxLength(160) unionName: string;
  @ApiPropertyOptional({ example: 'Local 66' }) @IsOptional() @IsString() @MaxLength(60) local?: string;
  @ApiProperty({ example: 4300, description: 'employees the unit represents' }) @IsInt() @Min(0) @Max(1_000_000) employeeCount: number;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto) {}

export class UnitContractRef {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Teachers 2023-2026' }) title: string;
  @ApiProperty({ example: 'expired' }) status: string;
  @ApiProperty({ example: '2023-09-01' }) effectiveOn: string;
  @ApiProperty({ example: '2026-08-31' }) expiresOn: string;
}

export class UnitView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Teachers' }) name: string;
  @ApiProperty({ example: 'American Federation of Teachers (AFT)' }) unionName: string;
  @ApiProperty({ example: 'Local 66', nullable: true }) local: string | null;
  @ApiProperty({ example: 4300 }) employeeCount: number;
  @ApiProperty({ type: UnitContractRef, nullable: true, description: 'the latest contract that has been in force (null before the first)' })
  currentContract: UnitContractRef | null;
  @ApiProperty({ type: UnitContractRef, nullable: true, description: 'a successor being negotiated or awaiting ratification' })
  pendingContract: UnitContractRef | null;
}

export class UnitPage {
  @ApiProperty({ type: [UnitView] }) items: UnitView[];
  @ApiProperty({ example: 6 }) total: number;
}

export class UnitQuery extends PageQuery {}
