import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEVICE_STATUSES, FacilitiesSchoolSummary, FCI_BANDS, FoodSchoolSummary, LaborSchoolSummary, TechnologySchoolSummary, TransportationSchoolSection,
} from '@district/contracts';

/**
 * The departments' school sections as the gateway passes them on (types in libs/contracts), documented here so
 * /docs-json describes what GET /api/schools and the overview really answer (checked against live answers in e2e).
 */
const counts = (keys: readonly string[], example: Record<string, number>) => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' as const }])),
  additionalProperties: false,
  required: [...keys],
  example,
});

export class TransportationSection implements TransportationSchoolSection {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 48, description: 'students eligible for a yellow bus' }) eligibleRiders: number;
  @ApiProperty({ example: 5 }) transitPass: number;
  @ApiProperty({ example: 159 }) notEligible: number;
  @ApiProperty({ example: 6, description: 'active AM and PM runs serving the school' }) runs: number;
  @ApiProperty({ example: 41, description: 'eligible students with a stop' }) riders: number;
  @ApiProperty({ example: 7, description: 'eligible students without a stop' }) unassignedEligible: number;
  @ApiProperty({ example: '2026-11-20', nullable: true, type: String, description: 'the last service day with AM arrivals' }) onTimeDate: string | null;
  @ApiProperty({ example: 93.3, nullable: true, type: Number, description: '% of that day’s AM runs on time' }) onTimeRateYesterday: number | null;
  @ApiProperty({ example: 0 }) runsCancelledToday: number;
}

class CepStatus {
  @ApiProperty({ format: 'uuid' }) electionId: string;
  @ApiProperty({ example: 'East Boston group' }) name: string;
  @ApiProperty({ example: 0.52, description: 'identified student percentage (fraction)' }) isp: number;
  @ApiProperty({ example: 83.2 }) freeClaimingPercent: number;
}

class ServiceCancelled {
  @ApiProperty({ example: 'Building closed: no heat' }) reason: string;
  @ApiProperty({ example: 'closure', type: String }) origin: NonNullable<FoodSchoolSummary['serviceCancelled']>['origin'];
}

export class FoodSection implements FoodSchoolSummary {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 412, description: 'students with an open meal account' }) enrolled: number;
  @ApiProperty(counts(['breakfast', 'lunch', 'snack'], { breakfast: 120, lunch: 301, snack: 0 })) mealsToday: FoodSchoolSummary['mealsToday'];
  @ApiProperty(counts(['breakfast', 'lunch', 'snack'], { breakfast: 1710, lunch: 4790, snack: 0 })) mealsMonthToDate: FoodSchoolSummary['mealsMonthToDate'];
  @ApiProperty({ example: 16 }) servingDaysMonthToDate: number;
  @ApiProperty({ example: 71.2, nullable: true, type: Number }) lunchParticipation: number | null;
  @ApiProperty({ example: 26.4, nullable: true, type: Number }) breakfastParticipation: number | null;
  @ApiProperty({ type: CepStatus, nullable: true, description: 'null when the school is not in CEP' }) cep: CepStatus | null;
  @ApiProperty({ example: 18234.55, description: 'reimbursement earned month to date, USD' }) claimMonthToDate: number;
  @ApiProperty({ type: ServiceCancelled, nullable: true }) serviceCancelled: ServiceCancelled | null;
}

class ActiveClosure {
  @ApiProperty({ format: 'uuid' }) closureId: string;
  @ApiProperty({ format: 'uuid' }) buildingId: string;
  @ApiProperty({ example: 'emergency', enum: ['emergency', 'planned'] }) kind: 'emergency' | 'planned';
  @ApiProperty({ example: '2026-11-23' }) from: string;
  @ApiProperty({ example: '2026-11-24' }) to: string;
  @ApiProperty({ example: 'No heat: boiler failure' }) reason: string;
}

class CapitalProjectCounts {
  @ApiProperty({ example: 2 }) active: number;
  @ApiProperty({ example: 1 }) onBudget: number;
  @ApiProperty({ example: 2 }) onSchedule: number;
}

const PRIORITY_KEYS = ['emergency', 'urgent', 'routine', 'scheduled', 'total'];

export class FacilitiesSection implements FacilitiesSchoolSummary {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: [String] }) buildingIds: string[];
  @ApiProperty({ example: 84000, nullable: true, type: Number }) squareFeet: number | null;
  @ApiProperty(counts(PRIORITY_KEYS, { emergency: 1, urgent: 3, routine: 8, scheduled: 2, total: 14 })) openWorkOrders: FacilitiesSchoolSummary['openWorkOrders'];
  @ApiProperty(counts(PRIORITY_KEYS, { emergency: 0, urgent: 1, routine: 2, scheduled: 0, total: 3 })) overdueWorkOrders: FacilitiesSchoolSummary['overdueWorkOrders'];
  @ApiProperty({ example: 1 }) emergencyOpen: number;
  @ApiProperty({ example: 7.2, nullable: true, type: Number, description: 'facility condition index, %' }) fci: number | null;
  @ApiProperty({ example: 'fair', enum: FCI_BANDS, nullable: true }) fciBand: FacilitiesSchoolSummary['fciBand'];
  @ApiProperty({ type: ActiveClosure, nullable: true }) activeClosure: ActiveClosure | null;
  @ApiProperty({ type: CapitalProjectCounts }) capitalProjects: CapitalProjectCounts;
}

export class TechnologySection implements TechnologySchoolSummary {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty(counts(DEVICE_STATUSES, { 'in-stock': 12, assigned: 180, loaner: 4, 'in-repair': 3, lost: 1, retired: 20 })) devicesByStatus: TechnologySchoolSummary['devicesByStatus'];
  @ApiProperty({ example: 10 }) oneToOneStock: number;
  @ApiProperty({ example: ['3', '4', '5'], type: [String] }) oneToOneGrades: string[];
  @ApiProperty({ example: 190 }) oneToOneStudents: number;
  @ApiProperty({ example: 4 }) studentsWithoutDevice: number;
  @ApiProperty({ example: 4 }) queued: number;
  @ApiProperty({ example: '2026-11-12', nullable: true, type: String }) oldestQueuedOn: string | null;
  @ApiProperty({ example: 2 }) openReturnTasks: number;
  @ApiProperty({ example: 3 }) openTickets: number;
  @ApiProperty({ example: 1 }) overdueTickets: number;
  @ApiProperty({ example: 17 }) dueForRefresh: number;
}

class LaborDeadlineDto {
  @ApiProperty({ format: 'uuid' }) grievanceId: string;
  @ApiProperty({ example: 'G-2026-0042' }) number: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ example: 'Teachers' }) unitName: string;
  @ApiProperty({ example: 1 }) step: number;
  @ApiProperty({ example: 'Principal' }) stepName: string;
  @ApiProperty({ example: 'employer', enum: ['employer', 'union'] }) party: 'employer' | 'union';
  @ApiProperty({ example: 'answer', enum: ['answer', 'appeal'] }) action: 'answer' | 'appeal';
  @ApiProperty({ example: '2026-11-30' }) dueOn: string;
}

export class LaborSection implements LaborSchoolSummary {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 2 }) openGrievances: number;
  @ApiProperty({ type: [LaborDeadlineDto], description: 'soonest first, at most 5' }) nextDeadlines: LaborDeadlineDto[];
}

// ---------------------------------------------------------------- a student's sections (GET /api/students/:id/overview)

class TransportationEligibilityDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schoolId: string | null;
  @ApiProperty({ example: 'yellow-bus', enum: ['yellow-bus', 'transit-pass', 'not-eligible', 'not-enrolled'] }) status: string;
  @ApiProperty({ example: 'distance' }) reason: string;
  @ApiProperty({ example: 1.6, nullable: true, type: Number }) distanceMiles: number | null;
  @ApiProperty({ example: '2026-09-02T13:05:00.000Z' }) determinedAt: string;
}

class StopDto {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'AM', enum: ['AM', 'PM'] }) session: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ example: 'R-4061-AM-1' }) runCode: string;
  @ApiProperty({ format: 'uuid' }) stopId: string;
  @ApiProperty({ example: 'Elm St & Main St' }) stopName: string;
  @ApiProperty({ example: '07:42' }) scheduledTime: string;
  @ApiProperty({ example: 0.3 }) distanceMiles: number;
  @ApiProperty({ example: '2026-09-03T10:00:00.000Z' }) assignedAt: string;
}

export class TransportationStudentSection {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: TransportationEligibilityDto, nullable: true }) eligibility: TransportationEligibilityDto | null;
  @ApiProperty({ type: [StopDto] }) stops: StopDto[];
}

class MealAccountDto {
  @ApiProperty({ example: 'open', enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schoolId: string | null;
  @ApiProperty({ example: '2026-09-02' }) openedOn: string;
  @ApiProperty({ example: null, nullable: true, type: String }) closedOn: string | null;
}

class MealEligibilityDto {
  @ApiProperty({ example: 'free', enum: ['free', 'reduced', 'paid'] }) category: string;
  @ApiProperty({ example: 'direct-certification' }) basis: string;
  @ApiProperty({ example: '2026-09-02', nullable: true, type: String }) effectiveFrom: string | null;
}

export class FoodStudentSection {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: MealAccountDto, nullable: true }) account: MealAccountDto | null;
  @ApiPropertyOptional({ type: MealEligibilityDto, description: 'only for food:read / food:write (USDA restricts its disclosure)' }) eligibility?: MealEligibilityDto;
}

class StudentDeviceDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) deviceId: string;
  @ApiProperty({ example: 'C02XK1' }) serial: string;
  @ApiProperty({ example: 'Chromebook 3110' }) model: string;
  @ApiProperty({ example: 'chromebook' }) deviceType: string;
  @ApiProperty({ example: 'assigned', enum: DEVICE_STATUSES }) deviceStatus: string;
  @ApiProperty({ example: 'one-to-one', enum: ['one-to-one', 'loaner', 'staff'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: '2026-09-03' }) assignedOn: string;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'loaners only' }) dueOn: string | null;
}

class ReturnTaskDto {
  @ApiProperty({ format: 'uuid' }) returnTaskId: string;
  @ApiProperty({ format: 'uuid' }) deviceId: string;
  @ApiProperty({ example: 'C02XK1' }) serial: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'withdrawn' }) reason: string;
  @ApiProperty({ example: '2026-11-02' }) openedOn: string;
}

class QueuePlaceDto {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: '2026-11-12' }) queuedOn: string;
  @ApiProperty({ example: 1 }) position: number;
}

export class TechnologyStudentSection {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: [StudentDeviceDto] }) devices: StudentDeviceDto[];
  @ApiProperty({ type: [ReturnTaskDto] }) openReturnTasks: ReturnTaskDto[];
  @ApiProperty({ type: QueuePlaceDto, nullable: true }) queued: QueuePlaceDto | null;
}
