import { Injectable } from '@nestjs/common';
import { BuildingClosure, EventEnvelope, FacilitiesEvents } from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';
import { CancellationsService } from './cancellations.service';

/** Facilities' building closures → meal service cancelled (or restored) for the school on those days. */
@Injectable()
export class ClosureEventHandlers {
  constructor(private readonly cancellations: CancellationsService) {}

  @OnEvent(FacilitiesEvents.BuildingClosed)
  onScheduled(e: EventEnvelope<BuildingClosure>, tx: Tx) {
    return this.cancellations.applyClosure(tx, e.data, null);
  }

  @OnEvent(FacilitiesEvents.BuildingReopened)
  onLifted(e: EventEnvelope<BuildingClosure & { liftedFrom: string }>, tx: Tx) {
    return this.cancellations.applyClosure(tx, e.data, e.data.liftedFrom);
  }
}
