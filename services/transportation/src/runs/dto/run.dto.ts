import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsLatitude, IsLongitude, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '@district/service-kit';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const SESSIONS = ['AM', 'PM'] as const;

export class CreateRouteDto {
  @ApiProperty({ example: 'RT-101', description: 'unique' }) @IsString() @MinLength(1) @MaxLength(40) code: string;
  @ApiProperty({ example: 'Dorchester north loop' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
}
export class UpdateRouteDto {
  @ApiPropertyOptional({ example: 'RT-101' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) code?: string;
  @ApiPropertyOptional({ example: 'Dorchester north loop' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
}
export class RouteView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'RT-101' }) code: string;
  @ApiProperty({ example: 'Dorchester north loop' }) name: string;
  @ApiProperty({ example: 4 }) runs: number;
}
export class RoutePage {
  @ApiProperty({ type: [RouteView] }) items: RouteView[];
  @ApiProperty({ example: 1 }) total: number;
}

export class StopInput {
  @ApiPropertyOptional({ description: 'an existing stop of this run, to keep it (and its students) while editing it' }) @IsOptional() @IsUUID() id?: string;
  @ApiProperty({ example: 'Maple St & Oak Ave' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 42.3125 }) @IsLatitude() latitude: number;
  @ApiProperty({ example: -71.0702 }) @IsLongitude() longitude: number;
  @ApiProperty({ example: '07:18' }) @Matches(TIME, { message: 'scheduledTime must be HH:MM' }) scheduledTime: string;
}

export class CreateRunDto {
  @ApiProperty({ example: 'R-0101-AM', description: 'unique' }) @IsString() @MinLength(1) @MaxLength(40) code: string;
  @ApiProperty() @IsUUID() routeId: string;
  @ApiProperty({ description: "enrollment's school id" }) @IsUUID() schoolId: string;
  @ApiProperty({ enum: SESSIONS, example: 'AM' }) @IsIn(SESSIONS) session: 'AM' | 'PM';
  @ApiProperty({ example: '08:00', description: 'the bell: start of day (AM) or dismissal (PM)' }) @Matches(TIME, { message: 'bellTime must be HH:MM' }) bellTime: string;
  @ApiProperty({ example: '07:45', description: 'AM: arrival at school, before the bell; PM: arrival at the last stop' })
  @Matches(TIME, { message: 'scheduledArrival must be HH:MM' }) scheduledArrival: string;
  @ApiProperty() @IsUUID() vehicleId: string;
  @ApiPropertyOptional({ type: [StopInput], description: 'in riding order' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => StopInput) stops?: StopInput[];
}

export class UpdateRunDto {
  @ApiPropertyOptional({ example: 'R-0101-AM' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() routeId?: string;
  @ApiPropertyOptional({ example: '08:00' }) @IsOptional() @Matches(TIME, { message: 'bellTime must be HH:MM' }) bellTime?: string;
  @ApiPropertyOptional({ example: '07:45' }) @IsOptional() @Matches(TIME, { message: 'scheduledArrival must be HH:MM' }) scheduledArrival?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() vehicleId?: string;
  @ApiPropertyOptional({ description: 'false takes the run out of service: its students are moved to other runs where possible' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ReplaceStopsDto {
  @ApiProperty({ type: [StopInput], description: 'the whole ordered list; stops left out are removed and their students re-placed' })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => StopInput) stops: StopInput[];
}

export class RunQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() routeId?: string;
  @ApiPropertyOptional({ enum: SESSIONS }) @IsOptional() @IsIn(SESSIONS) session?: 'AM' | 'PM';
}

export class SchoolRunQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SESSIONS }) @IsOptional() @IsIn(SESSIONS) session?: 'AM' | 'PM';
}

export class StopView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 1 }) sequence: number;
  @ApiProperty({ example: 'Maple St & Oak Ave' }) name: string;
  @ApiProperty({ example: 42.3125 }) latitude: number;
  @ApiProperty({ example: -71.0702 }) longitude: number;
  @ApiProperty({ example: '07:18' }) scheduledTime: string;
  @ApiProperty({ example: 6, description: 'students assigned to the stop' }) riders: number;
}

export class RunView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'R-0101-AM' }) code: string;
  @ApiProperty() routeId: string;
  @ApiProperty({ example: 'RT-101' }) routeCode: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: 'Mather Elementary' }) schoolName: string;
  @ApiProperty({ enum: SESSIONS }) session: string;
  @ApiProperty({ example: '08:00' }) bellTime: string;
  @ApiProperty({ example: '07:45' }) scheduledArrival: string;
  @ApiProperty() vehicleId: string;
  @ApiProperty({ example: 'B-1042' }) vehicleNumber: string;
  @ApiProperty({ example: 71 }) seats: number;
  @ApiProperty({ example: 48, description: 'students assigned' }) riders: number;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 9 }) stopCount: number;
  @ApiPropertyOptional({ type: [StopView], description: 'on a single run' }) stops?: StopView[];
}

export class RunPage {
  @ApiProperty({ type: [RunView] }) items: RunView[];
  @ApiProperty({ example: 1 }) total: number;
}
