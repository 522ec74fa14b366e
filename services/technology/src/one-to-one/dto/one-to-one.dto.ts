import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID } from 'class-validator';
import { GRADES } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { DatedAction } from '../../common/dto';

export class SetOneToOneGradesDto extends DatedAction {
  @ApiProperty({ example: ['3', '4', '5'], enum: GRADES, isArray: true, description: "the school's 1:1 grades; [] ends the program at the school" })
  @IsArray() @ArrayMaxSize(14) @IsString({ each: true })
  grades: string[];
}

export class OneToOneConfigRow {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) schoolId: string;
  @ApiProperty({ example: ['3', '4', '5'], isArray: true }) grades: string[];
  @ApiProperty({ nullable: true, example: '2026-08-20T14:00:00.000Z' }) updatedAt: Date | null;
  @ApiProperty({ nullable: true, example: 'it-director' }) updatedBy: string | null;
}

export class OneToOneConfigResult extends OneToOneConfigRow {
  @ApiProperty({ example: 12, description: 'students who joined the queue because their grade became 1:1' }) queued: number;
  @ApiProperty({ example: 10, description: 'students given a device from stock right away' }) assigned: number;
}

export class OneToOneConfigPage {
  @ApiProperty({ type: [OneToOneConfigRow] }) items: OneToOneConfigRow[];
  @ApiProperty({ example: 40 }) total: number;
}

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) @IsOptional() @IsUUID() schoolId?: string;
}

export class AssignQueuedDto extends DatedAction {
  @ApiPropertyOptional({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e', description: 'one school; default: every school with a queue (in your scope)' })
  @IsOptional() @IsUUID() schoolId?: string;
}

export class AssignQueuedResult {
  @ApiProperty({ example: 7 }) assigned: number;
}

export class QueuedStudentRow {
  @ApiProperty({ example: '0b9c1f7e-3a1d-4c55-8f7e-2d9a6b1c4e21' }) studentId: string;
  @ApiProperty({ example: 'S0001234', nullable: true }) localId: string | null;
  @ApiProperty({ example: 'Ana', nullable: true }) firstName: string | null;
  @ApiProperty({ example: 'Silva', nullable: true }) lastName: string | null;
  @ApiProperty({ example: '4', nullable: true }) grade: string | null;
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e' }) schoolId: string;
  @ApiProperty({ example: '2026-09-02' }) queuedOn: string;
  @ApiProperty({ example: 1, description: '1 is next' }) position: number;
}

export class QueuePage {
  @ApiProperty({ type: [QueuedStudentRow] }) items: QueuedStudentRow[];
  @ApiProperty({ example: 3 }) total: number;
}
