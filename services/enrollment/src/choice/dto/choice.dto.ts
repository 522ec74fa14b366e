import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { GRADES, Grade } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { MAX_CHOICES } from '../domain/choice-round';

export class CreateRoundDto {
  @ApiProperty({ example: 'Kindergarten and grade 6 entry' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '2027-28' }) @Matches(/^\d{4}-\d{2}$/, { message: 'schoolYear must look like 2027-28' }) schoolYear: string;
  @ApiProperty({ example: ['K', '6', '9'], enum: GRADES, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(GRADES, { each: true }) entryGrades: Grade[];
  @ApiPropertyOptional({
    description: 'priority policy; default: continuing > sibling > walk zone (K-5 1 mi, 6-8 1.5 mi, 9-12 2 mi) > others',
    example: { tiers: ['continuing', 'sibling', 'walk-zone'], walkZoneBands: [{ grades: ['K', '1', '2', '3', '4', '5'], maxDistanceMiles: 1 }] },
  })
  @IsOptional() @IsObject() policy?: object;
}

export class ReservedBlockDto {
  @ApiProperty({ example: 'walk-zone' }) @IsString() @IsNotEmpty() @MaxLength(50) name: string;
  @ApiProperty({ example: 25 }) @IsInt() @Min(0) seats: number;
  @ApiPropertyOptional({ example: ['walk-zone', 'sibling'], description: "this block's own tiers, best first" }) @IsOptional() @IsArray() tiers?: (string | string[])[];
}

export class CreateProgramDto {
  @ApiProperty() @IsUUID() schoolId: string;
  @ApiProperty({ example: 'K', enum: GRADES }) @IsIn(GRADES) grade: Grade;
  @ApiProperty({ example: 50 }) @IsInt() @Min(0) @Max(10_000) seats: number;
  @ApiPropertyOptional({ type: [ReservedBlockDto], description: 'blocks of seats with their own priority order, filled in this order; the rest are open seats' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ReservedBlockDto)
  reservedBlocks?: ReservedBlockDto[];
}

export class CreateApplicationDto {
  @ApiProperty() @IsUUID() studentId: string;
  @ApiProperty({ example: 'K', enum: GRADES, description: 'the grade applied for' }) @IsIn(GRADES) grade: Grade;
  @ApiProperty({ description: `school ids, most wanted first (at most ${MAX_CHOICES})`, example: ['8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_CHOICES) @ArrayUnique() @IsUUID('all', { each: true })
  choices: string[];
}

export class RunRoundDto {
  @ApiProperty({ example: '2027-lottery-1', description: 'the recorded seed the lottery numbers are drawn from: the same seed gives the same results' })
  @IsString() @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'seed must be 1-100 letters, digits, . _ : or -' })
  seed: string;
}

export class SetSeatsDto {
  @ApiProperty({ example: 52, description: 'the program\'s seats from now on (not below the offers held)' }) @IsInt() @Min(0) @Max(10_000) seats: number;
}

export class ResultsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
}

export class ChoiceRoundResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Kindergarten entry' }) name: string;
  @ApiProperty({ example: '2027-28' }) schoolYear: string;
  @ApiProperty({ example: ['K'], enum: GRADES, isArray: true }) entryGrades: Grade[];
  @ApiProperty({ example: 'open', enum: ['open', 'completed'] }) status: string;
  @ApiProperty({ nullable: true, example: null }) seed: string | null;
  @ApiProperty({ example: { tiers: ['continuing', 'sibling', 'walk-zone'], walkZoneBands: [] } }) policy: object;
}

export class RunSummaryResponse {
  @ApiProperty({ example: 'completed' }) status: string;
  @ApiProperty({ example: '2027-lottery-1' }) seed: string;
  @ApiProperty({ example: 4210 }) applicants: number;
  @ApiProperty({ example: 3987 }) assigned: number;
  @ApiProperty({ example: 2890 }) firstChoice: number;
  @ApiProperty({ example: 223 }) unassigned: number;
  @ApiProperty({ example: 14 }) rounds: number;
}

export class ResultChoice {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: 2, description: 'priority tier the policy gave the applicant there (0 best)' }) tier: number;
}

export class ResultWaitlist {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: 3 }) position: number;
}

export class ResultRow {
  @ApiProperty() applicationId: string;
  @ApiProperty() studentId: string;
  @ApiProperty({ example: 1832 }) lotteryNumber: number;
  @ApiProperty({ type: [ResultChoice] }) choices: ResultChoice[];
  @ApiProperty({ nullable: true }) assignedSchoolId: string | null;
  @ApiProperty({ nullable: true, example: 2 }) assignedChoiceRank: number | null;
  @ApiProperty({ type: [ResultWaitlist], description: 'positions at the schools ranked above the assignment' }) waitlist: ResultWaitlist[];
  @ApiProperty({ nullable: true, enum: ['offered', 'accepted', 'declined'] }) offerStatus: string | null;
}

export class ResultPage {
  @ApiProperty({ type: [ResultRow] }) items: ResultRow[];
  @ApiProperty({ example: 4210 }) total: number;
}
