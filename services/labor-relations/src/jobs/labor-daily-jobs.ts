import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ScheduledJobs } from '@district/messaging';
import { LaborRelationsEnv } from '../config';
import { ContractsService } from '../contracts/contracts.service';
import { GrievanceDeadlines } from '../grievances/grievance-deadlines.service';
import { DistrictClock } from '@district/service-kit';

/**
 * The daily work, run by whichever replica claims it first (ScheduledJobs, ADR 0025): each contract's
 * expiry is published once, claimed by (contract, expiry date); missed grievance deadlines are applied
 * once per district day. Every replica ticks; a tick with nothing due costs two indexed queries.
 */
@Injectable()
export class LaborDailyJobs implements OnModuleInit {
  private readonly log = new Logger('LaborDailyJobs');

  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly env: LaborRelationsEnv,
    private readonly clock: DistrictClock,
    private readonly contracts: ContractsService,
    private readonly deadlines: GrievanceDeadlines,
  ) {}

  onModuleInit(): void {
    if (this.env.LABOR_JOB_INTERVAL_MS > 0) this.jobs.every('labor-daily', this.env.LABOR_JOB_INTERVAL_MS, () => this.run());
  }

  /** Everything due on the district's `today`; returns what this replica did. */
  async run(today = this.clock.today()): Promise<{ expired: number; grievancesUpdated: number }> {
    await this.contracts.activateDue(today);
    let expired = 0;
    for (const c of await this.contracts.dueToExpire(today)) {
      const ran = await this.jobs.runOnce('contract-expiry', `${c.id}:${c.expiresOn}`, async (tx) => {
        if (await this.contracts.expire(tx, c.id, c.expiresOn)) expired++;
      });
      if (ran) this.log.log(`contract ${c.id} expired on ${c.expiresOn}`);
    }
    let grievancesUpdated = 0;
    await this.jobs.runOnce('grievance-deadlines', today, async (tx) => {
      grievancesUpdated = await this.deadlines.applyMissed(tx, today);
    });
    if (grievancesUpdated) this.log.log(`applied missed deadlines to ${grievancesUpdated} grievances`);
    return { expired, grievancesUpdated };
  }
}
