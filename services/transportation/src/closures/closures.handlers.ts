import { Injectable } from '@nestjs/common';
import { BuildingClosure, EventEnvelope, FacilitiesEvents } from '@district/contracts';
import { OnEvent, Tx } from '@district/messaging';
import { CancellationsService } from './cancellations.service';

/** Facilities' building closures, applied to the runs serving the closed school (in the consumer's transaction). */
@Injectable()
export class ClosureEventHandlers {
  constructor(private readonly cancellations: CancellationsService) {}

  @OnEvent(FacilitiesEvents.BuildingClosed)
  onScheduled(e: EventEnvelope<BuildingClosure>, tx: Tx) {
    return this.cancellations.applyClosure(tx, e.data);
  }

  @OnEvent(FacilitiesEvents.BuildingReopened)
  onLifted(e: EventEnvelope<BuildingClosure & { liftedFrom: string }>, tx: Tx) {
    return this.cancellations.liftClosure(tx, e.data);
  }
}
