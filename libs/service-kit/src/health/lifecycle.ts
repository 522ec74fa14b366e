import { Injectable } from '@nestjs/common';

/** Shared flag: once shutdown starts, readiness answers 503 so no new work is routed here. */
@Injectable()
export class Lifecycle {
  shuttingDown = false;
}
