import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GRADES, Grade } from '@district/contracts';
import type { SchoolOverview } from '../domain/merge-school-overview';

export class OverviewSchool {
  @ApiProperty({ example: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e', format: 'uuid' }) id: string;
  @ApiProperty({ example: '4061' }) code: string;
  @ApiProperty({ example: 'Guild Elementary' }) name: string;
  @ApiProperty({ example: '195 Leyden Street, East Boston, MA 02128' }) address: string;
  @ApiProperty({ example: 42.3888 }) latitude: number;
  @ApiProperty({ example: -71.0041 }) longitude: number;
  @ApiProperty({ example: ['K', '1', '2'], enum: GRADES, isArray: true }) grades: Grade[];
  @ApiProperty({ example: { K: 100, '1': 100, '2': 90 }, description: 'seats per grade', type: 'object', additionalProperties: { type: 'integer' } })
  capacity: Partial<Record<Grade, number>>;
}

export class OverviewEnrollment {
  @ApiProperty({ example: 212, type: 'integer', description: 'students enrolled now' }) total: number;
  @ApiProperty({ example: { K: 70, '1': 72, '2': 70 }, description: 'enrolled students per grade', type: 'object', additionalProperties: { type: 'integer' } })
  byGrade: Partial<Record<Grade, number>>;
  @ApiProperty({ example: 240, type: 'integer', nullable: true, description: 'seats over the grades with a recorded capacity' }) capacity: number | null;
  @ApiProperty({ example: 0.8833, nullable: true, description: 'enrolled ÷ capacity; over 1 when over capacity' }) utilization: number | null;
  @ApiProperty({ type: () => [OverviewGradeUtilization] }) grades: OverviewGradeUtilization[];
}

export class OverviewGradeUtilization {
  @ApiProperty({ example: 'K', enum: GRADES }) grade: Grade;
  @ApiProperty({ example: 70, type: 'integer' }) enrolled: number;
  @ApiProperty({ example: 80, type: 'integer', nullable: true }) capacity: number | null;
  @ApiProperty({ example: 0.875, nullable: true }) utilization: number | null;
}

export class OverviewTransportation {
  @ApiProperty({ example: 48, type: 'integer', description: 'students eligible for a yellow bus' }) eligibleRiders: number;
  @ApiProperty({ example: 5, type: 'integer', description: 'students given a transit pass' }) transitPass: number;
  @ApiProperty({ example: 159, type: 'integer', description: 'students within walking distance' }) notEligible: number;
}

export class OverviewSource {
  @ApiProperty({ example: 'ok', enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ example: 4, type: 'integer', description: 'time spent waiting for the department, ms' }) ms: number;
  @ApiPropertyOptional({ example: 'no answer within the timeout', description: 'why the department gave no answer' }) detail?: string;
}

export class OverviewSources {
  @ApiProperty({ type: OverviewSource, example: { status: 'ok', ms: 4 } }) enrollment: OverviewSource;
  @ApiProperty({ type: OverviewSource, example: { status: 'unavailable', ms: 1500, detail: 'no answer within the timeout' } }) transportation: OverviewSource;
}

const EXAMPLE = {
  school: { id: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e', code: '4061', name: 'Guild Elementary', address: '195 Leyden Street, East Boston, MA 02128', latitude: 42.3888, longitude: -71.0041, grades: ['K', '1', '2'], capacity: { K: 100, '1': 100, '2': 90 } },
  enrollment: { total: 212, byGrade: { K: 70, '1': 72, '2': 70 } },
  transportation: { eligibleRiders: 48, transitPass: 5, notEligible: 159 },
  sources: { enrollment: { status: 'ok', ms: 4 }, transportation: { status: 'ok', ms: 6 } },
};

/** GET /api/schools/:id/overview: each section is null when its department did not answer. */
export class SchoolOverviewResponse implements SchoolOverview {
  @ApiProperty({ type: OverviewSchool, nullable: true, example: EXAMPLE.school, description: 'null when enrollment did not answer' })
  school: OverviewSchool | null;

  @ApiProperty({ type: OverviewEnrollment, nullable: true, example: EXAMPLE.enrollment, description: 'null when enrollment did not answer' })
  enrollment: OverviewEnrollment | null;

  @ApiProperty({ type: OverviewTransportation, nullable: true, example: EXAMPLE.transportation, description: 'null when transportation did not answer' })
  transportation: OverviewTransportation | null;

  @ApiProperty({ type: OverviewSources, example: EXAMPLE.sources, description: 'which departments answered, and how long each took' })
  sources: OverviewSources;
}
