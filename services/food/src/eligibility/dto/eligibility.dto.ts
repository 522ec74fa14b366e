import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { INCOME_FREQUENCIES, IncomeFrequency } from '../../reference/domain/reference-tables';
import { IsBusinessDate } from '../../shared/validators';

export class IncomeDto {
  @ApiProperty({ example: 1850.5, description: 'gross amount per `frequency`, in dollars' })
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10_000_000)
  amount: number;

  @ApiProperty({ enum: INCOME_FREQUENCIES, example: 'twice-monthly' })
  @IsIn(INCOME_FREQUENCIES)
  frequency: IncomeFrequency;
}

export class HouseholdApplicationDto {
  @ApiProperty({ type: [String], example: ['7d0f1b7e-3c1a-4f5e-9a51-0b7c2d9e4f10'], description: "the household's children enrolled in the district" })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true })
  studentIds: string[];

  @ApiProperty({ example: 4, description: 'everyone living in the household and sharing income and expenses' })
  @IsInt() @Min(1) @Max(30)
  householdSize: number;

  @ApiProperty({ type: [IncomeDto], description: 'every income source; an empty list is no income' })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => IncomeDto)
  incomes: IncomeDto[];

  @ApiPropertyOptional({ example: 'SNAP-0042-7781', description: 'a SNAP, TANF or FDPIR case number: free without income' })
  @IsOptional() @IsString() @MaxLength(40)
  assistanceCaseNumber?: string;

  @ApiProperty({ example: '2026-09-08', description: 'the day the application was received; the decision takes effect that day' })
  @IsBusinessDate()
  receivedOn: string;
}

export class ApplicationDecisionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['free', 'reduced', 'paid'], example: 'reduced' }) category: string;
  @ApiProperty({ example: 'income', enum: ['income', 'assistance-case-number'] }) reason: string;
  @ApiProperty({ example: 'annual' }) comparedAs: string;
  @ApiProperty({ example: 31800 }) householdIncome: number;
  @ApiProperty({ example: 27495 }) freeLimit: number;
  @ApiProperty({ example: 39128 }) reducedLimit: number;
  @ApiProperty({ example: 'SY 2025-26' }) incomeTable: string;
  @ApiProperty({ description: 'no table was in effect on receivedOn, so the latest earlier one was used' }) provisional: boolean;
  @ApiProperty({ example: '2026-09-08' }) effectiveFrom: string;
  @ApiProperty({ example: '2027-08-15' }) effectiveTo: string;
  @ApiProperty({ type: [String] }) studentIds: string[];
}

export class DirectCertificationImportResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 1200, description: 'data rows in the file' }) rows: number;
  @ApiProperty({ example: 1150, description: 'students newly certified' }) certified: number;
  @ApiProperty({ example: 40, description: 'rows already on record (a file sent again changes nothing)' }) alreadyCertified: number;
  @ApiProperty({ example: 310, description: 'siblings given the household extension' }) extended: number;
  @ApiProperty({ example: [{ line: 7, errors: ['no student with local_id S0099999'] }] }) rejected: { line: number; errors: string[] }[];
}

export class DeterminationRow {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['free', 'reduced', 'paid'] }) category: string;
  @ApiProperty({ enum: ['direct-certification', 'household-extension', 'categorical', 'application'] }) basis: string;
  @ApiProperty({ nullable: true, example: 'SNAP' }) program: string | null;
  @ApiProperty() identified: boolean;
  @ApiProperty({ example: '2026-08-15' }) effectiveFrom: string;
  @ApiProperty({ nullable: true, example: '2027-08-15' }) effectiveTo: string | null;
  @ApiProperty({ nullable: true }) supersededAt: Date | null;
  @ApiProperty() recordedAt: Date;
}

export class StudentEligibilityResponse {
  @ApiProperty() studentId: string;
  @ApiProperty({ example: 'S0001234' }) localId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ example: { status: 'open', openedOn: '2026-09-02', closedOn: null }, nullable: true }) account: { status: string; openedOn: string; closedOn: string | null } | null;
  @ApiProperty({ example: '2026-11-23' }) asOf: string;
  @ApiProperty({ enum: ['free', 'reduced', 'paid'], example: 'free' }) category: string;
  @ApiProperty({ example: true }) identified: boolean;
  @ApiProperty({ type: [DeterminationRow], description: 'every determination, newest first (history)' }) history: DeterminationRow[];
}

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-11-23', description: "defaults to the district's today" })
  @IsOptional() @IsBusinessDate()
  asOf?: string;
}
