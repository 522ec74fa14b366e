import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsMonth } from '../../shared/validators';

export class MonthParam {
  @ApiProperty({ example: '2026-10' }) @IsMonth() month: string;
}

export class MonthSchoolParam extends MonthParam {
  @ApiProperty() @IsUUID() schoolId: string;
}

export class ClaimLineDto {
  @ApiProperty({ enum: ['breakfast', 'lunch', 'snack'] }) mealType: string;
  @ApiProperty({ enum: ['free', 'reduced', 'paid'] }) category: string;
  @ApiProperty({ example: 4210, description: "claimed meals; a CEP school's are meals × claiming percentage, full precision" }) meals: number;
  @ApiProperty({ example: 4.52, description: 'dollars per meal, performance add-on included' }) rate: number;
  @ApiProperty({ example: 19029.2, description: 'dollars, rounded to the cent once per line' }) amount: number;
  @ApiPropertyOptional({ example: 70.4, nullable: true }) claimingPercent: number | null;
  @ApiProperty({ example: 'SY 2024-25' }) rateTable: string;
}

export class SchoolClaimDto {
  @ApiProperty() schoolId: string;
  @ApiProperty({ nullable: true, example: '4123' }) code: string | null;
  @ApiProperty({ nullable: true, example: 'Hernandez K-8' }) name: string | null;
  @ApiProperty({ example: { breakfast: 2100, lunch: 5200, snack: 0 } }) served: Record<string, number>;
  @ApiProperty({ example: 7290 }) claimedMeals: number;
  @ApiProperty({ example: 10, description: 'meals above the eligible students of their category on their day' }) disallowedMeals: number;
  @ApiProperty({ nullable: true, example: { electionId: 'e0c1…', name: 'Hernandez', isp: 48.5, freeClaimingPercent: 77.6 } }) cep: object | null;
  @ApiProperty({ type: [ClaimLineDto] }) lines: ClaimLineDto[];
  @ApiProperty({ example: 25123.45 }) total: number;
}

export class ViolationDto {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: '2026-10-14' }) date: string;
  @ApiProperty({ example: 'lunch' }) mealType: string;
  @ApiProperty({ example: 'free', description: '`all` for a CEP school' }) category: string;
  @ApiProperty({ example: 212 }) served: number;
  @ApiProperty({ example: 205 }) eligible: number;
  @ApiProperty({ example: 7 }) disallowed: number;
}

export class ClaimResponse {
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ example: 812345.67 }) total: number;
  @ApiProperty({ description: 'a day had no rate table in effect: the latest earlier table was used' }) provisional: boolean;
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({ type: [SchoolClaimDto] }) schools: SchoolClaimDto[];
  @ApiProperty({ example: 3 }) violationCount: number;
  @ApiProperty({ type: [ViolationDto], description: 'edit-check violations (the first 500)' }) violations: ViolationDto[];
}
