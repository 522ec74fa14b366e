import { Module } from '@nestjs/common';
import { streamFor } from '@district/contracts';
import { MessagingTables1763900000000 } from '@district/messaging';
import { PlatformModule } from '@district/service-kit';
import { EnrollmentsController } from './enrollments/enrollments.controller';
import { Enrollment } from './enrollments/enrollment.entity';
import { EnrollmentsService } from './enrollments/enrollments.service';
import { EnrollmentSchema1763900000100 } from './migrations/1763900000100-enrollment-schema';
import { EnrollmentCounts1763900000101 } from './migrations/1763900000101-enrollment-counts';
import { SchoolChoice1763900000102 } from './migrations/1763900000102-school-choice';
import { EnrollmentMonthly1763900000104 } from './migrations/1763900000104-enrollment-monthly';
import { EnrollmentKpisService } from './kpis/enrollment-kpis.service';
import { KpisHandlers } from './kpis/kpis.handlers';
import { ChoiceApplicationRow, ChoiceProgramRow, ChoiceResultRow, ChoiceRound } from './choice/choice.entities';
import { ChoiceController } from './choice/choice.controller';
import { ChoiceService } from './choice/choice.service';
import { School } from './schools/school.entity';
import { SchoolsController } from './schools/schools.controller';
import { SchoolsHandlers } from './schools/schools.handlers';
import { SchoolsService } from './schools/schools.service';
import { Student } from './students/student.entity';
import { StudentsController } from './students/students.controller';
import { StudentsHandlers } from './students/students.handlers';
import { StudentsService } from './students/students.service';
import { ChoiceRoundSeeder } from './seed/choice-round-seeder.service';
import { DistrictSeeder } from './seed/district-seeder.service';
import { EnrollmentEnv } from './config';
import { ImportJob, ImportRejection, RosterSourceId } from './imports/import-job.entities';
import { ImportJobsService } from './imports/import-jobs.service';
import { ImportRunner } from './imports/import-runner.service';
import { ImportsController, ZIP_CONTENT_TYPES } from './imports/imports.controller';
import { RosterApplyService } from './imports/roster-apply.service';
import { RosterImports1763900000103 } from './migrations/1763900000103-roster-imports';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'enrollment',
      defaultPort: 3001,
      env: EnrollmentEnv,
      description: "Enrollment and school choice: the district's source of truth for schools, students and enrollments.",
      database: {
        name: 'district_enrollment',
        entities: [School, Student, Enrollment, ChoiceRound, ChoiceProgramRow, ChoiceApplicationRow, ChoiceResultRow, ImportJob, ImportRejection, RosterSourceId],
        migrations: [MessagingTables1763900000000, EnrollmentSchema1763900000100, EnrollmentCounts1763900000101, SchoolChoice1763900000102, RosterImports1763900000103, EnrollmentMonthly1763900000104],
        ownStream: streamFor('enrollment'),
      },
      uploads: { maxBytes: (env) => env.IMPORT_MAX_BYTES, streamTypes: ZIP_CONTENT_TYPES },
    }),
  ],
  controllers: [SchoolsController, SchoolsHandlers, StudentsController, StudentsHandlers, EnrollmentsController, ChoiceController, KpisHandlers, ImportsController],
  providers: [SchoolsService, StudentsService, EnrollmentsService, DistrictSeeder, ChoiceRoundSeeder, ChoiceService, EnrollmentKpisService, ImportJobsService, RosterApplyService, ImportRunner],
})
export class AppModule {}
