import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { DEVICE_STATUSES, DEVICE_TYPES, DeviceStatus, DeviceType } from '@district/contracts';
import { PageQuery } from '@district/service-kit';
import { DATE_MESSAGE, DATE_PATTERN, DatedAction } from '../../common/dto';

const SCHOOL_EXAMPLE = '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e';
const DEVICE_EXAMPLE = '5a0f3c2e-9b7d-4e1a-8c6f-1d2e3f4a5b6c';

export class CreateDeviceDto extends DatedAction {
  @ApiProperty({ example: '5CD1234XYZ', description: 'manufacturer serial, unique' })
  @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'serial must be 1-64 letters, digits, . _ / or -' })
  serial: string;

  @ApiProperty({ example: 'Dell Chromebook 3110' }) @IsString() @IsNotEmpty() @MaxLength(100) model: string;
  @ApiProperty({ enum: DEVICE_TYPES, example: 'chromebook' }) @IsIn(DEVICE_TYPES) type: DeviceType;
  @ApiProperty({ example: '2024-08-01' }) @Matches(DATE_PATTERN, { message: `purchaseDate ${DATE_MESSAGE}` }) purchaseDate: string;
  @ApiPropertyOptional({ example: '2027-08-01' }) @IsOptional() @Matches(DATE_PATTERN, { message: `warrantyEnd ${DATE_MESSAGE}` }) warrantyEnd?: string;
  @ApiPropertyOptional({ example: '2031-06-01', description: 'Chromebooks: the date Google stops updates' })
  @IsOptional() @Matches(DATE_PATTERN, { message: `autoUpdateExpiration ${DATE_MESSAGE}` }) autoUpdateExpiration?: string;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) @IsUUID() schoolId: string;
  @ApiPropertyOptional({ example: false, description: 'kept for loans, never given out as a 1:1 device' }) @IsOptional() @IsBoolean() loanerPool?: boolean;
}

export class DeviceQuery extends PageQuery {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: DEVICE_STATUSES }) @IsOptional() @IsIn(DEVICE_STATUSES) status?: DeviceStatus;
  @ApiPropertyOptional({ enum: DEVICE_TYPES }) @IsOptional() @IsIn(DEVICE_TYPES) type?: DeviceType;
  @ApiPropertyOptional({ example: '5CD1234XYZ' }) @IsOptional() @IsString() @MaxLength(64) serial?: string;
}

export class DeviceResponse {
  @ApiProperty({ example: DEVICE_EXAMPLE }) id: string;
  @ApiProperty({ example: '5CD1234XYZ' }) serial: string;
  @ApiProperty({ example: 'Dell Chromebook 3110' }) model: string;
  @ApiProperty({ enum: DEVICE_TYPES, example: 'chromebook' }) type: DeviceType;
  @ApiProperty({ example: '2024-08-01' }) purchaseDate: string;
  @ApiProperty({ example: '2027-08-01', nullable: true }) warrantyEnd: string | null;
  @ApiProperty({ example: '2031-06-01', nullable: true }) autoUpdateExpiration: string | null;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) schoolId: string;
  @ApiProperty({ enum: DEVICE_STATUSES, example: 'assigned' }) status: DeviceStatus;
  @ApiProperty({ example: '2026-09-02', description: 'business date of the last status change' }) statusDate: string;
  @ApiProperty({ example: false }) loanerPool: boolean;
  @ApiProperty({ example: null, nullable: true, enum: ['lost', 'stolen'] }) lostKind: string | null;
  @ApiProperty({ example: 3 }) version: number;
}

export class DevicePage {
  @ApiProperty({ type: [DeviceResponse] }) items: DeviceResponse[];
  @ApiProperty({ example: 512 }) total: number;
}

export class StatusChangeRow {
  @ApiProperty({ example: 'in-stock', nullable: true, description: 'null when the device was added' }) from: string | null;
  @ApiProperty({ example: 'assigned' }) to: string;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) schoolId: string;
  @ApiProperty({ example: '2026-09-02' }) effectiveDate: string;
  @ApiProperty({ example: '2026-09-02T13:04:05.000Z' }) changedAt: Date;
  @ApiProperty({ example: 'system:one-to-one', description: "the user's sub, or system:<automation>" }) changedBy: string;
  @ApiProperty({ example: '1:1 assignment' }) reason: string;
}

export class StatusHistoryPage {
  @ApiProperty({ type: [StatusChangeRow] }) items: StatusChangeRow[];
  @ApiProperty({ example: 4 }) total: number;
}

export class AssignmentRow {
  @ApiProperty({ example: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }) id: string;
  @ApiProperty({ example: DEVICE_EXAMPLE }) deviceId: string;
  @ApiProperty({ example: '5CD1234XYZ' }) serial: string;
  @ApiProperty({ example: '0b9c1f7e-3a1d-4c55-8f7e-2d9a6b1c4e21', nullable: true }) studentId: string | null;
  @ApiProperty({ example: null, nullable: true, description: 'staff borrower' }) assignee: string | null;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) schoolId: string;
  @ApiProperty({ example: 'one-to-one', enum: ['one-to-one', 'loaner', 'staff'] }) kind: string;
  @ApiProperty({ example: '2026-09-02' }) assignedOn: string;
  @ApiProperty({ example: null, nullable: true }) dueOn: string | null;
  @ApiProperty({ example: null, nullable: true }) endedOn: string | null;
  @ApiProperty({ example: null, nullable: true }) endReason: string | null;
}

export class AssignmentPage {
  @ApiProperty({ type: [AssignmentRow] }) items: AssignmentRow[];
  @ApiProperty({ example: 2 }) total: number;
}

export class ReturnDeviceDto extends DatedAction {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE, description: 'where the device is put back in stock (default: the school it was assigned at)' })
  @IsOptional() @IsUUID() schoolId?: string;
}

export class MarkLostDto extends DatedAction {
  @ApiProperty({ enum: ['lost', 'stolen'], example: 'stolen' }) @IsIn(['lost', 'stolen']) kind: 'lost' | 'stolen';
  @ApiPropertyOptional({ example: 'police report 26-1187' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class FoundDto extends DatedAction {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE, description: 'where the device is put back in stock (default: its school)' }) @IsOptional() @IsUUID() schoolId?: string;
}

export class ImportQuery {
  @ApiPropertyOptional({ enum: ['abort', 'skip'], default: 'abort', description: 'abort: any rejected row and nothing is applied (422); skip: the valid rows are applied' })
  @IsOptional() @IsIn(['abort', 'skip'])
  onError: 'abort' | 'skip' = 'abort';
}

export class RejectedRowResponse {
  @ApiProperty({ example: 7 }) line: number;
  @ApiPropertyOptional({ example: '5CD1234XYZ' }) serial?: string;
  @ApiProperty({ example: 'type must be one of chromebook, laptop, tablet, desktop, hotspot, other' }) reason: string;
}

export class ImportResult {
  @ApiProperty({ example: 480 }) inserted: number;
  @ApiProperty({ example: 15 }) updated: number;
  @ApiProperty({ example: 3 }) unchanged: number;
  @ApiProperty({ example: 12, description: 'waiting students given one of the new devices' }) assigned: number;
  @ApiProperty({ example: true, description: 'false when rows were rejected with onError=abort: nothing was changed' }) applied: boolean;
  @ApiProperty({ type: [RejectedRowResponse] }) rejected: RejectedRowResponse[];
}

export class ReturnTaskQuery extends PageQuery {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ['open', 'returned', 'cancelled', 'lost'], default: 'open' }) @IsOptional() @IsIn(['open', 'returned', 'cancelled', 'lost'])
  status: 'open' | 'returned' | 'cancelled' | 'lost' = 'open';
}

export class ReturnTaskRow {
  @ApiProperty({ example: '7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928' }) id: string;
  @ApiProperty({ example: DEVICE_EXAMPLE }) deviceId: string;
  @ApiProperty({ example: '5CD1234XYZ' }) serial: string;
  @ApiProperty({ example: '0b9c1f7e-3a1d-4c55-8f7e-2d9a6b1c4e21' }) studentId: string;
  @ApiProperty({ example: 'S0001234', nullable: true }) localId: string | null;
  @ApiProperty({ example: 'Ana', nullable: true }) firstName: string | null;
  @ApiProperty({ example: 'Silva', nullable: true }) lastName: string | null;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) schoolId: string;
  @ApiProperty({ example: 'withdrawn', enum: ['withdrawn', 'transferred'] }) reason: string;
  @ApiProperty({ example: 'open' }) status: string;
  @ApiProperty({ example: '2026-11-02' }) openedOn: string;
  @ApiProperty({ example: null, nullable: true }) closedOn: string | null;
}

export class ReturnTaskPage {
  @ApiProperty({ type: [ReturnTaskRow] }) items: ReturnTaskRow[];
  @ApiProperty({ example: 5 }) total: number;
}

export class CheckoutLoanerDto extends DatedAction {
  @ApiProperty({ example: DEVICE_EXAMPLE, description: 'a device of the loaner pool, in stock' }) @IsUUID() deviceId: string;
  @ApiPropertyOptional({ example: '0b9c1f7e-3a1d-4c55-8f7e-2d9a6b1c4e21', description: 'a student borrower (needs student-records)' }) @IsOptional() @IsUUID() studentId?: string;
  @ApiPropertyOptional({ example: 'J. Rivera (grade 4 teacher)', description: 'a staff borrower, when not a student' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) borrower?: string;
  @ApiPropertyOptional({ example: '2026-12-07', description: 'default: LOANER_DAYS after the checkout' }) @IsOptional() @Matches(DATE_PATTERN, { message: `dueOn ${DATE_MESSAGE}` }) dueOn?: string;
}

export class LoanerQuery extends PageQuery {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ example: true, description: 'only loans past their due date' })
  @IsOptional() @Type(() => String) @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}

export class OpenRepairDto extends DatedAction {
  @ApiProperty({ example: DEVICE_EXAMPLE }) @IsUUID() deviceId: string;
  @ApiProperty({ example: 'cracked screen' }) @IsString() @IsNotEmpty() @MaxLength(500) problem: string;
  @ApiPropertyOptional({ example: 'Dell depot' }) @IsOptional() @IsString() @MaxLength(200) vendor?: string;
  @ApiPropertyOptional({ example: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', description: 'the help-desk ticket it came from' }) @IsOptional() @IsUUID() ticketId?: string;
}

export class CloseRepairDto extends DatedAction {
  @ApiProperty({ enum: ['repaired', 'unrepairable'], example: 'repaired' }) @IsIn(['repaired', 'unrepairable']) outcome: 'repaired' | 'unrepairable';
  @ApiPropertyOptional({ example: 89.5 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) costUsd?: number;
}

export class RepairQuery extends PageQuery {
  @ApiPropertyOptional({ example: SCHOOL_EXAMPLE }) @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) state?: 'open' | 'closed';
}

export class RepairResponse {
  @ApiProperty({ example: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901' }) id: string;
  @ApiProperty({ example: DEVICE_EXAMPLE }) deviceId: string;
  @ApiProperty({ example: '5CD1234XYZ' }) serial: string;
  @ApiProperty({ example: SCHOOL_EXAMPLE }) schoolId: string;
  @ApiProperty({ example: null, nullable: true }) ticketId: string | null;
  @ApiProperty({ example: 'cracked screen' }) problem: string;
  @ApiProperty({ example: 'Dell depot', nullable: true }) vendor: string | null;
  @ApiProperty({ example: '2026-10-05' }) openedOn: string;
  @ApiProperty({ example: null, nullable: true }) closedOn: string | null;
  @ApiProperty({ example: null, nullable: true, enum: ['repaired', 'unrepairable'] }) outcome: string | null;
  @ApiProperty({ example: null, nullable: true }) costUsd: number | null;
}

export class RepairPage {
  @ApiProperty({ type: [RepairResponse] }) items: RepairResponse[];
  @ApiProperty({ example: 9 }) total: number;
}
