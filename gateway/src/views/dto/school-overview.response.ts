import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GRADES, Grade, SCHOOL_TYPES, SchoolType } from '@district/contracts';
import { FacilitiesSection, FoodSection, LaborSection, TechnologySection, TransportationSection } from './department-sections';

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
  @ApiProperty({ example: 'elementary', enum: SCHOOL_TYPES, description: 'derived from the grades served' }) type: SchoolType;
}

export class OverviewEnrollment {
  @ApiProperty({ example: 212, type: 'integer', description: 'students enrolled now' }) total: number;
  @ApiProperty({ example: { K: 70, '1': 72, '2': 70 }, description: 'enrolled students per grade', type: 'object', additionalProperties: { type: 'integer' } })
  byGrade: Partial<Record<Grade, number>>;
  @ApiProperty({ example: 240, type: 'integer', nullable: true, description: 'seats over the grades with a recorded capacity' }) capacity: number | null;
  @ApiProperty({ example: 0.8833, nullable: true, type: Number, description: 'enrolled ÷ capacity; over 1 when over capacity' }) utilization: number | null;
  @ApiProperty({ type: () => [OverviewGradeUtilization] }) grades: OverviewGradeUtilization[];
}

export class OverviewGradeUtilization {
  @ApiProperty({ example: 'K', enum: GRADES }) grade: Grade;
  @ApiProperty({ example: 70, type: 'integer' }) enrolled: number;
  @ApiProperty({ example: 80, type: 'integer', nullable: true }) capacity: number | null;
  @ApiProperty({ example: 0.875, nullable: true, type: Number }) utilization: number | null;
}

export class OverviewSource {
  @ApiProperty({ example: 'ok', enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ example: 4, type: 'integer', description: 'time spent waiting for the department, ms' }) ms: number;
  @ApiPropertyOptional({ example: 'no answer within the timeout', description: 'why the department gave no answer' }) detail?: string;
}

export class OverviewSources {
  @ApiPropertyOptional({ type: OverviewSource, example: { status: 'ok', ms: 4 } }) enrollment: OverviewSource;
  @ApiPropertyOptional({ type: OverviewSource, example: { status: 'ok', ms: 6 } }) transportation: OverviewSource;
  @ApiPropertyOptional({ type: OverviewSource, example: { status: 'ok', ms: 5 } }) food: OverviewSource;
  @ApiPropertyOptional({ type: OverviewSource, example: { status: 'unavailable', ms: 1500, detail: 'no answer within the timeout' } }) facilities: OverviewSource;
  @ApiPropertyOptional({ type: OverviewSource, example: { status: 'ok', ms: 7 } }) technology: OverviewSource;
  @ApiPropertyOptional({ type: OverviewSource, example: { status: 'ok', ms: 3 }, name: 'labor-relations' }) 'labor-relations': OverviewSource;
}

const section = (department: string) =>
  `${department}'s summary of the school (libs/contracts); null when ${department} did not answer (see sources) or has nothing on the school yet`;

export const SCHOOL_VIEW_EXAMPLE = {
  school: { id: '8d6f8d3e-6c4e-4a8e-9d0c-2f1a3b4c5d6e', code: '4061', name: 'Guild Elementary', address: '195 Leyden Street, East Boston, MA 02128', latitude: 42.3888, longitude: -71.0041, grades: ['K', '1', '2'], capacity: { K: 100, '1': 100, '2': 90 }, type: 'elementary' },
  enrollment: { total: 212, byGrade: { K: 70, '1': 72, '2': 70 }, capacity: 290, utilization: 0.731, grades: [{ grade: 'K', enrolled: 70, capacity: 100, utilization: 0.7 }] },
};

/** One school across departments; each section is null when its department did not answer. */
export class SchoolViewResponse {
  @ApiProperty({ type: OverviewSchool, nullable: true, example: SCHOOL_VIEW_EXAMPLE.school, description: 'null when enrollment did not answer' })
  school: OverviewSchool | null;

  @ApiProperty({ type: OverviewEnrollment, nullable: true, example: SCHOOL_VIEW_EXAMPLE.enrollment, description: 'null when enrollment did not answer' })
  enrollment: OverviewEnrollment | null;

  @ApiProperty({ type: TransportationSection, nullable: true, description: section('transportation') }) transportation: TransportationSection | null;
  @ApiProperty({ type: FoodSection, nullable: true, description: section('food') }) food: FoodSection | null;
  @ApiProperty({ type: FacilitiesSection, nullable: true, description: section('facilities') }) facilities: FacilitiesSection | null;
  @ApiProperty({ type: TechnologySection, nullable: true, description: section('technology') }) technology: TechnologySection | null;
  @ApiProperty({ type: LaborSection, nullable: true, description: section('labor relations'), name: 'labor-relations' }) 'labor-relations': LaborSection | null;
}

/** GET /api/schools/:id/overview. */
export class SchoolOverviewResponse extends SchoolViewResponse {
  @ApiProperty({ type: OverviewSources, description: 'which departments answered, and how long each took' })
  sources: OverviewSources;
}

/** GET /api/schools: a page of schools with every department's figures. */
export class SchoolListResponse {
  @ApiProperty({ type: [SchoolViewResponse] }) items: SchoolViewResponse[];
  @ApiProperty({ example: 117, type: 'integer', description: 'schools matching the filters' }) total: number;
  @ApiProperty({ type: OverviewSources }) sources: OverviewSources;
}
