import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@district/service-kit';

export class AutoAssignQuery {
  @ApiPropertyOptional({ description: 'one school; without it, every school the caller may see', example: '0b6d7a52-3f7e-4c71-9d0e-6a1f0c2b9e11' })
  @IsOptional() @IsUUID()
  schoolId?: string;
}

export class UnplacedStudent {
  @ApiProperty() studentId: string;
  @ApiProperty({ example: 'S0001234' }) localId: string;
  @ApiProperty({ example: 'Ana' }) firstName: string;
  @ApiProperty({ example: 'Silva' }) lastName: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ enum: ['AM', 'PM'] }) session: string;
  @ApiProperty({ enum: ['no-run', 'no-stop-within-walk-limit', 'runs-full'], example: 'no-stop-within-walk-limit' }) reason: string;
}

export class AutoAssignResult {
  @ApiProperty({ example: 412, description: 'stops assigned now (a student placed AM and PM counts twice)' }) assigned: number;
  @ApiProperty({ example: 7, description: 'students still needing a stop for at least one session' }) unplacedStudents: number;
  @ApiProperty({ example: { 'no-stop-within-walk-limit': 5, 'runs-full': 2 } }) unplacedByReason: Record<string, number>;
  @ApiProperty({ type: [UnplacedStudent] }) unplaced: UnplacedStudent[];
}

export class AssignStopDto {
  @ApiProperty({ description: 'the stop; its run gives the session (AM/PM)', example: '5b0c1d2e-1111-4222-8333-444455556666' })
  @IsUUID()
  stopId: string;
}

export class StopAssignmentQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() runId?: string;
  @ApiPropertyOptional({ enum: ['AM', 'PM'] }) @IsOptional() @IsIn(['AM', 'PM']) session?: 'AM' | 'PM';
}

export class StopAssignmentView {
  @ApiProperty() studentId: string;
  @ApiProperty({ example: 'S0001234' }) localId: string;
  @ApiProperty({ example: 'Ana' }) firstName: string;
  @ApiProperty({ example: 'Silva' }) lastName: string;
  @ApiProperty({ example: '3' }) grade: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ enum: ['AM', 'PM'] }) session: string;
  @ApiProperty() runId: string;
  @ApiProperty({ example: 'R-0101-AM' }) runCode: string;
  @ApiProperty() stopId: string;
  @ApiProperty({ example: 'Maple St & Oak Ave' }) stopName: string;
  @ApiProperty({ example: '07:18' }) scheduledTime: string;
  @ApiProperty({ example: 0.21 }) distanceMiles: number;
  @ApiProperty() assignedAt: string;
}

export class StopAssignmentPage {
  @ApiProperty({ type: [StopAssignmentView] }) items: StopAssignmentView[];
  @ApiProperty({ example: 1 }) total: number;
}
