import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { GRADES, Grade } from '@district/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EnrollDto {
  @ApiProperty({ example: '3f1c2b9a-0d4e-4c1b-9a8f-7e6d5c4b3a21' }) @IsUUID() studentId: string;
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: '2026-09-03' }) @IsISO8601({ strict: true }) @Matches(DATE, { message: 'entryDate must be YYYY-MM-DD' }) entryDate: string;
  @ApiProperty({ example: '4', enum: GRADES }) @IsIn(GRADES) grade: Grade;
}

export class WithdrawDto {
  @ApiProperty({ example: '2027-01-15' }) @IsISO8601({ strict: true }) @Matches(DATE, { message: 'exitDate must be YYYY-MM-DD' }) exitDate: string;
  @ApiPropertyOptional({ example: 'moved out of district', default: 'withdrawn' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) reason?: string;
}

export class TransferDto {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e', description: 'the school the student moves to' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: '2027-01-20' }) @IsISO8601({ strict: true }) @Matches(DATE, { message: 'entryDate must be YYYY-MM-DD' }) entryDate: string;
  @ApiPropertyOptional({ example: '4', enum: GRADES, description: "defaults to the student's grade" }) @IsOptional() @IsIn(GRADES) grade?: Grade;
}

export class EnrollmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() studentId: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ enum: GRADES }) grade: Grade;
  @ApiProperty({ example: '2026-09-03' }) entryDate: string;
  @ApiProperty({ nullable: true, example: null }) exitDate: string | null;
  @ApiProperty({ nullable: true, example: null }) exitReason: string | null;
}
