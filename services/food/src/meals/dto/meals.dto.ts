import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@district/service-kit';
import { IsBusinessDate } from '../../shared/validators';

/** One point-of-sale transaction (documentation: the route checks items itself, one by one). */
export class MealTransactionDto {
  @ApiProperty({ example: '3f6c2a9e-6d1b-4e8f-9b0a-2c4d6e8f0a1b', description: "the POS's transaction id: a resent transaction is counted once" }) id: string;
  @ApiProperty({ example: '0b6f3c1e-2a4d-4e6f-8a0b-1c2d3e4f5a6b' }) schoolId: string;
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty({ enum: ['breakfast', 'lunch', 'snack'], example: 'lunch' }) mealType: string;
  @ApiProperty({ enum: ['free', 'reduced', 'paid'], example: 'free', description: 'category at the time of service' }) category: string;
  @ApiPropertyOptional({ example: '7d0f1b7e-3c1a-4f5e-9a51-0b7c2d9e4f10', description: 'absent for an anonymous count' }) studentId?: string;
  @ApiPropertyOptional({ example: 1, description: 'meals in an anonymous count (1-5000); 1 or absent for a student' }) count?: number;
}

export class RejectedItem {
  @ApiProperty({ example: 12, description: 'position in the request array' }) index: number;
  @ApiProperty({ nullable: true }) id: string | null;
  @ApiProperty({ example: ['mealType must be one of breakfast, lunch, snack'] }) errors: string[];
}

export class IngestResponse {
  @ApiProperty({ example: 10000 }) received: number;
  @ApiProperty({ example: 9990, description: 'new transactions stored and counted' }) inserted: number;
  @ApiProperty({ example: 8, description: 'transactions stored earlier (a resend): not counted again' }) duplicates: number;
  @ApiProperty({ type: [RejectedItem], description: 'items not stored, with every reason' }) rejected: RejectedItem[];
}

export class DailyCountsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() schoolId?: string;
  @ApiProperty({ example: '2026-11-01' }) @IsBusinessDate() from: string;
  @ApiProperty({ example: '2026-11-23' }) @IsBusinessDate() to: string;
}

export class DailyCountRow {
  @ApiProperty() schoolId: string;
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty({ example: { breakfast: { free: 80, reduced: 10, paid: 12 }, lunch: { free: 190, reduced: 22, paid: 70 }, snack: {} } })
  meals: Record<string, Record<string, number>>;
  @ApiProperty({ example: 384 }) total: number;
}

export class DailyCountPage {
  @ApiProperty({ type: [DailyCountRow] }) items: DailyCountRow[];
  @ApiProperty({ example: 1 }) total: number;
}
