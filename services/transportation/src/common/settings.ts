import { Provider } from '@nestjs/common';
import { ConfigError, SERVICE_CONFIG } from '@district/service-kit';
import { TransportationEnv } from '../config';

/** The operating rules taken from configuration (DOMAIN.md defaults), checked together at boot. */
export interface TransportationSettings {
  walkToStopMiles: number;
  onTime: { earliestMinutesBeforeBell: number; latestMinutesBeforeBell: number };
  ingestMaxItems: number;
}

export const TRANSPORTATION_SETTINGS = Symbol('TRANSPORTATION_SETTINGS');

export const settingsProvider: Provider = {
  provide: TRANSPORTATION_SETTINGS,
  inject: [SERVICE_CONFIG],
  useFactory: (env: TransportationEnv): TransportationSettings => {
    if (env.ON_TIME_LATEST_MINUTES_BEFORE_BELL > env.ON_TIME_EARLIEST_MINUTES_BEFORE_BELL) {
      throw new ConfigError('ON_TIME_LATEST_MINUTES_BEFORE_BELL must not be greater than ON_TIME_EARLIEST_MINUTES_BEFORE_BELL (the window would be empty)');
    }
    return {
      walkToStopMiles: env.WALK_TO_STOP_MILES,
      onTime: { earliestMinutesBeforeBell: env.ON_TIME_EARLIEST_MINUTES_BEFORE_BELL, latestMinutesBeforeBell: env.ON_TIME_LATEST_MINUTES_BEFORE_BELL },
      ingestMaxItems: env.INGEST_MAX_ITEMS,
    };
  },
};
