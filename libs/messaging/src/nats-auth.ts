import { readFileSync } from 'node:fs';
import { credsAuthenticator, type ConnectionOptions } from 'nats';

/**
 * How a service proves who it is to NATS (deploy/nats/auth.conf gives each service its own user and
 * permissions). Nothing set: no authentication, for a local development server.
 */
export interface NatsAuth {
  user?: string;
  password?: string;
  /** a credentials file (user JWT and nkey seed), for servers run in operator/JWT mode */
  credsFile?: string;
}

/** The connection options of `auth`, for nats.js `connect` and Nest's NATS transport alike. */
export function natsAuthOptions(auth: NatsAuth | undefined): Pick<ConnectionOptions, 'user' | 'pass' | 'authenticator'> {
  if (auth?.credsFile) return { authenticator: credsAuthenticator(readFileSync(auth.credsFile)) };
  if (auth?.user) return { user: auth.user, pass: auth.password };
  return {};
}

/**
 * Where a service's replies arrive: `_INBOX.<service>.…`. Each NATS user may subscribe to its own inboxes
 * only, so no service can read the answers meant for another (deploy/nats/auth.conf).
 */
export function inboxPrefixOf(serviceName: string): string {
  return `_INBOX.${serviceName}`;
}
