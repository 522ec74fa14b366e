import { ApiProperty } from '@nestjs/swagger';

export class ScanItemDto {
  @ApiProperty({ example: '7d1f3c2a-5b6e-4f70-8a9b-0c1d2e3f4a5b' }) studentId: string;
  @ApiProperty({ example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' }) runId: string;
  @ApiProperty({ example: '3b4c5d6e-7f8a-4b9c-8d1e-2f3a4b5c6d7e', description: 'AM: the boarding stop; PM: the stop the student rides to' }) stopId: string;
  @ApiProperty({ example: '2026-11-23T07:12:05-05:00', description: 'ISO 8601 with an offset; the district time zone gives its service date' }) scannedAt: string;
}

export class ArrivalItemDto {
  @ApiProperty({ example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' }) runId: string;
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty({ example: '07:52', description: 'local time: AM at school, PM at the last stop; a later report for the same run and day replaces it' }) actualArrival: string;
}

export class MileageItemDto {
  @ApiProperty({ example: '6f1c2d3e-0000-4000-8000-000000000001' }) vehicleId: string;
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty({ example: 84.3, description: 'miles driven that day; a later report for the same vehicle and day replaces it' }) miles: number;
}

export class RejectedItem {
  @ApiProperty({ example: 17, description: 'position in the request array' }) index: number;
  @ApiProperty({ example: 'unknown run' }) reason: string;
}

export class IngestResult {
  @ApiProperty({ example: 10000 }) received: number;
  @ApiProperty({ example: 9990, description: 'items written' }) accepted: number;
  @ApiProperty({ example: 6, description: 'scans already recorded (same student, run and day): not counted twice' }) duplicates: number;
  @ApiProperty({ type: [RejectedItem] }) rejected: RejectedItem[];
}
