import { IsOptional, IsUUID } from 'class-validator';
import { KpisRequestDto } from '@district/service-kit';

/** `labor.kpis.get`: the shared department-queries request, plus an optional bargaining unit (the KPIs of one unit). */
export class LaborKpisRequestDto extends KpisRequestDto {
  @IsOptional() @IsUUID() unitId?: string;
}
