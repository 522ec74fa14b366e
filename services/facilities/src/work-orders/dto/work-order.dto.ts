import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean, IsDateString, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { WORK_ORDER_PRIORITIES, WORK_ORDER_STATUSES, WorkOrderPriority, WorkOrderStatus } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../common/validation';

const ASSIGNEE_KINDS = ['district', 'contractor'] as const;

/** `?status=open,assigned` or repeated `?status=open&status=assigned` */
const list = ({ value }: { value: unknown }) => (value === undefined ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()));
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const int = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class CloseBuildingDto {
  @ApiProperty({ example: '2026-11-23' }) @IsBusinessDate() from: string;
  @ApiProperty({ example: '2026-11-24' }) @IsBusinessDate() to: string;
  @ApiPropertyOptional({ example: 'No heat: boiler failure', description: "defaults to the work order's title" }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

export class CreateWorkOrderDto {
  @ApiPropertyOptional({ description: "the school's primary building is used unless buildingId is given" }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assetId?: string;
  @ApiProperty({ example: 'No heat in classrooms 101-108' }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiPropertyOptional({ example: 'Boiler 1 tripped; building at 58°F' }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiProperty({ enum: WORK_ORDER_PRIORITIES, example: 'emergency' }) @IsIn(WORK_ORDER_PRIORITIES) priority: WorkOrderPriority;
  @ApiPropertyOptional({ example: 'hvac', description: 'the trade it needs: hvac, plumbing, electrical, carpentry, roofing, ...' }) @IsOptional() @IsString() @MaxLength(60) trade?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'required for scheduled work: it is due by the end of this day' }) @IsOptional() @IsBusinessDate() dueDate?: string;
  @ApiPropertyOptional({ example: '2026-11-23T07:15:00-05:00', description: 'when it was reported (default now; not in the future)' }) @IsOptional() @IsDateString() requestedAt?: string;
  @ApiPropertyOptional({ type: CloseBuildingDto, description: 'emergency only: close the building for these days in the same step' })
  @IsOptional() @ValidateNested() @Type(() => CloseBuildingDto) closeBuilding?: CloseBuildingDto;
}

export class TransitionDto {
  @ApiProperty({ enum: WORK_ORDER_STATUSES, example: 'assigned' }) @IsIn(WORK_ORDER_STATUSES) status: WorkOrderStatus;
  @ApiPropertyOptional({ example: '2026-11-23T09:00:00-05:00', description: 'when it happened (default now; not in the future, not before the previous change)' }) @IsOptional() @IsDateString() at?: string;
  @ApiPropertyOptional({ example: 'HVAC crew 2' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120) assignee?: string;
  @ApiPropertyOptional({ enum: ASSIGNEE_KINDS, example: 'district' }) @IsOptional() @IsIn(ASSIGNEE_KINDS) assigneeKind?: (typeof ASSIGNEE_KINDS)[number];
  @ApiPropertyOptional({ example: 'replaced igniter' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ example: 6.5 }) @IsOptional() @IsNumber() @Min(0) @Max(100_000) laborHours?: number;
  @ApiPropertyOptional({ example: 520 }) @IsOptional() @IsNumber() @Min(0) laborCost?: number;
  @ApiPropertyOptional({ example: 310.4 }) @IsOptional() @IsNumber() @Min(0) materialCost?: number;
  @ApiPropertyOptional({ example: 0 }) @IsOptional() @IsNumber() @Min(0) contractorCost?: number;
}

export class UpdateWorkOrderDto {
  @ApiPropertyOptional({ enum: WORK_ORDER_PRIORITIES, example: 'urgent', description: 're-triage: the target is recomputed from the request time' }) @IsOptional() @IsIn(WORK_ORDER_PRIORITIES) priority?: WorkOrderPriority;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsBusinessDate() dueDate?: string;
  @ApiPropertyOptional({ example: 'plumbing' }) @IsOptional() @IsString() @MaxLength(60) trade?: string;
  @ApiPropertyOptional({ example: 'Leak above the gym' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ example: 6.5 }) @IsOptional() @IsNumber() @Min(0) @Max(100_000) laborHours?: number;
  @ApiPropertyOptional({ example: 520 }) @IsOptional() @IsNumber() @Min(0) laborCost?: number;
  @ApiPropertyOptional({ example: 310.4 }) @IsOptional() @IsNumber() @Min(0) materialCost?: number;
  @ApiPropertyOptional({ example: 1200 }) @IsOptional() @IsNumber() @Min(0) contractorCost?: number;
  @ApiPropertyOptional({ example: 'parts on order' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class WorkOrderQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ description: 'one or more, comma separated', example: 'open,assigned' })
  @IsOptional() @Transform(list) @IsIn(WORK_ORDER_STATUSES, { each: true }) status?: WorkOrderStatus[];
  @ApiPropertyOptional({ description: 'one or more, comma separated', example: 'emergency,urgent' })
  @IsOptional() @Transform(list) @IsIn(WORK_ORDER_PRIORITIES, { each: true }) priority?: WorkOrderPriority[];
  @ApiPropertyOptional({ description: 'requested at least this many days ago', example: 30 }) @IsOptional() @Transform(int) @IsInt() @Min(0) @Max(36500) minAgeDays?: number;
  @ApiPropertyOptional({ description: 'requested at most this many days ago', example: 7 }) @IsOptional() @Transform(int) @IsInt() @Min(0) @Max(36500) maxAgeDays?: number;
  @ApiPropertyOptional({ description: 'only open work orders past their target (true) or not (false)' }) @IsOptional() @Transform(bool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'only preventive-maintenance work orders (true) or only others (false)' }) @IsOptional() @Transform(bool) @IsBoolean() preventive?: boolean;
}

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ description: 'one or more, comma separated', example: 'emergency,urgent' })
  @IsOptional() @Transform(list) @IsIn(WORK_ORDER_PRIORITIES, { each: true }) priority?: WorkOrderPriority[];
}

export class WorkOrderHistoryEntry {
  @ApiProperty({ example: '2026-11-23T14:05:00.000Z' }) at: Date;
  @ApiProperty({ enum: WORK_ORDER_STATUSES, example: 'assigned' }) status: string;
  @ApiProperty({ enum: WORK_ORDER_PRIORITIES, example: 'emergency' }) priority: string;
  @ApiProperty({ nullable: true, example: 'HVAC crew 2' }) assignee: string | null;
  @ApiProperty({ nullable: true, example: 'requested' }) note: string | null;
  @ApiProperty({ example: 'facilities-desk' }) actor: string;
}

export class WorkOrderResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 10234, description: 'the number people quote' }) number: number;
  @ApiProperty() buildingId: string;
  @ApiProperty({ nullable: true }) schoolId: string | null;
  @ApiProperty({ nullable: true }) assetId: string | null;
  @ApiProperty({ nullable: true, description: 'set when generated by a preventive-maintenance schedule' }) pmScheduleId: string | null;
  @ApiProperty({ example: 'No heat in classrooms 101-108' }) title: string;
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ enum: WORK_ORDER_PRIORITIES, example: 'emergency' }) priority: WorkOrderPriority;
  @ApiProperty({ enum: WORK_ORDER_STATUSES, example: 'in-progress' }) status: WorkOrderStatus;
  @ApiProperty({ nullable: true, example: 'hvac' }) trade: string | null;
  @ApiProperty({ nullable: true, example: 'HVAC crew 2' }) assignee: string | null;
  @ApiProperty({ nullable: true, enum: ASSIGNEE_KINDS, example: 'district' }) assigneeKind: string | null;
  @ApiProperty({ example: '2026-11-23T12:15:00.000Z' }) requestedAt: Date;
  @ApiProperty({ example: '2026-11-23T16:15:00.000Z', description: "when its priority's target runs out" }) targetAt: Date;
  @ApiProperty({ nullable: true, example: null }) dueDate: string | null;
  @ApiProperty({ nullable: true, example: null }) completedAt: Date | null;
  @ApiProperty({ example: 6.5 }) laborHours: number;
  @ApiProperty({ example: 520 }) laborCost: number;
  @ApiProperty({ example: 310.4 }) materialCost: number;
  @ApiProperty({ example: 0 }) contractorCost: number;
  @ApiProperty({ example: 830.4 }) totalCost: number;
  @ApiProperty({ example: false, description: 'open and past its target now' }) overdue: boolean;
}

export class WorkOrderDetail extends WorkOrderResponse {
  @ApiProperty({ type: [WorkOrderHistoryEntry], description: 'every change, oldest first' }) history: WorkOrderHistoryEntry[];
  @ApiPropertyOptional({ nullable: true, description: 'the closure opened with this emergency work order' }) closureId?: string | null;
}

export class WorkOrderPage {
  @ApiProperty({ type: [WorkOrderResponse] }) items: WorkOrderResponse[];
  @ApiProperty({ example: 42 }) total: number;
}
