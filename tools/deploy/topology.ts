import { Department, DEPARTMENTS, streamFor, subjectPrefix } from '@district/contracts';

/**
 * Who talks to whom on NATS: the one table the NATS users (deploy/nats/auth.conf) and the JetStream
 * declarations (deploy/nats/jetstream) are rendered from (`npm run deploy:render`), and that the deploy
 * tests hold against the code (each service's @OnEvent handlers and @MessagePattern subjects).
 */
export interface NatsService {
  /** service name: NATS user, durable consumer name, queue group, inbox prefix `_INBOX.<name>` */
  name: string;
  /** the department it publishes events for and answers requests of; none for the gateway */
  department?: Department;
  /** departments whose event streams it consumes (one durable consumer each) */
  consumes: Department[];
  /** request subjects it sends (wildcards allowed) */
  requests: string[];
}

export const NATS_SERVICES: readonly NatsService[] = [
  { name: 'enrollment', department: 'enrollment', consumes: [], requests: [] },
  { name: 'transportation', department: 'transportation', consumes: ['enrollment', 'facilities'], requests: [] },
  { name: 'food', department: 'food', consumes: ['enrollment', 'facilities'], requests: [] },
  { name: 'facilities', department: 'facilities', consumes: ['enrollment'], requests: [] },
  { name: 'technology', department: 'technology', consumes: ['enrollment'], requests: [] },
  { name: 'labor-relations', department: 'labor-relations', consumes: ['enrollment'], requests: [] },
  // the gateway only asks: `<prefix>.<thing>.get` of every department
  { name: 'gateway', consumes: [], requests: DEPARTMENTS.map((d) => `${subjectPrefix(d)}.*.get`) },
];

/** The user that applies deploy/nats/jetstream (the provisioning step); the only one that may change JetStream. */
export const PROVISIONER = 'provisioner';

/** Production stream and consumer settings (ADR 0023). */
export const JETSTREAM_SETTINGS = {
  replicas: 3,
  maxAgeDays: 30,
  duplicateWindowMs: 120_000,
  ackWaitMs: 10_000,
  maxAckPending: 2000,
  /** server-side bound; above CONSUMER_MAX_DELIVER (8), at which the service itself dead-letters an event */
  maxDeliver: 10,
};

/** Stream that keeps the server's "max deliveries reached" advisories: the dead letters the server itself reports. */
export const DEAD_LETTER_STREAM = 'DEAD_LETTER_ADVISORIES';

/** Environment variable holding a user's password on the NATS server (a bcrypt hash there is accepted too). */
export function passwordVariable(user: string): string {
  return `NATS_${user.toUpperCase().replace(/-/g, '_')}_PASSWORD`;
}

export interface Permissions {
  publish: string[];
  subscribe: string[];
}

/** Least privilege: its own events, reads of its own stream and consumers, the requests it answers and sends. */
export function permissionsOf(svc: NatsService): Permissions {
  const publish: string[] = [];
  const subscribe: string[] = [];
  if (svc.department) {
    const own = streamFor(svc.department);
    publish.push(...own.subjects, '$JS.API.INFO', `$JS.API.STREAM.INFO.${own.name}`);
    // requests it answers, only as a member of its queue group (a plain subscription would see every request)
    subscribe.push(`${subjectPrefix(svc.department)}.> ${svc.name}`);
  }
  for (const dept of svc.consumes) {
    const stream = streamFor(dept).name;
    publish.push(`$JS.API.STREAM.INFO.${stream}`, `$JS.API.CONSUMER.INFO.${stream}.${svc.name}`, `$JS.API.CONSUMER.MSG.NEXT.${stream}.${svc.name}`, `$JS.ACK.${stream}.${svc.name}.>`);
  }
  publish.push(...svc.requests);
  subscribe.push(`_INBOX.${svc.name}.>`);
  return { publish: [...new Set(publish)], subscribe };
}

const q = (s: string) => JSON.stringify(s);

/** deploy/nats/auth.conf */
export function renderAuthConf(): string {
  const users = [
    `    # applies deploy/nats/jetstream (the provisioning step): JetStream administration only
    {
      user: ${PROVISIONER}
      password: $${passwordVariable(PROVISIONER)}
      permissions: {
        publish: { allow: [${q('$JS.API.>')}] }
        subscribe: { allow: [${q(`_INBOX.${PROVISIONER}.>`)}] }
      }
    }`,
    ...NATS_SERVICES.map((svc) => {
      const p = permissionsOf(svc);
      return `    {
      user: ${q(svc.name)}
      password: $${passwordVariable(svc.name)}
      permissions: {
        publish: { allow: [
${p.publish.map((s) => `          ${q(s)}`).join('\n')}
        ] }
        subscribe: { allow: [
${p.subscribe.map((s) => `          ${q(s)}`).join('\n')}
        ] }
        # replies to the requests it received, and only those
        allow_responses: true
      }
    }`;
    }),
  ];
  return `# GENERATED from tools/deploy/topology.ts by \`npm run deploy:render\`: edit the topology, not this file.
# One user per service, allowed only its own subjects (ADR 0023). Passwords come from the server's
# environment (a Kubernetes Secret; bcrypt hashes are accepted): the server refuses to start without them.
# No user is anonymous: connections without credentials are refused. Needs nats-server 2.10.0 or later
# together with nats.conf (2.9 reads this file, but not nats.conf's sync_interval).
authorization {
  users: [
${users.join('\n')}
  ]
}
`;
}

/** deploy/nats/jetstream/streams/*.json and consumers/*.json, in the JetStream API's JSON. */
export function renderDeclarations(): Record<string, unknown> {
  const s = JETSTREAM_SETTINGS;
  const ns = (ms: number) => ms * 1_000_000;
  const files: Record<string, unknown> = {};
  for (const dept of DEPARTMENTS) {
    const def = streamFor(dept);
    files[`streams/${def.name}.json`] = {
      name: def.name,
      description: `events of ${dept}, published from its outbox`,
      subjects: def.subjects,
      retention: 'limits',
      storage: 'file',
      num_replicas: s.replicas,
      max_age: ns(s.maxAgeDays * 86_400_000),
      duplicate_window: ns(s.duplicateWindowMs),
      discard: 'old',
    };
  }
  files[`streams/${DEAD_LETTER_STREAM}.json`] = {
    name: DEAD_LETTER_STREAM,
    description: 'advisories of events a consumer stopped receiving after max_deliver attempts (the event stays in its stream at the sequence given)',
    subjects: ['$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>'],
    retention: 'limits',
    storage: 'file',
    num_replicas: s.replicas,
    max_age: ns(s.maxAgeDays * 86_400_000),
    discard: 'old',
  };
  for (const svc of NATS_SERVICES) {
    for (const dept of svc.consumes) {
      const def = streamFor(dept);
      files[`consumers/${def.name}.${svc.name}.json`] = {
        stream_name: def.name,
        config: {
          durable_name: svc.name,
          description: `${svc.name} consumes ${dept} events`,
          ack_policy: 'explicit',
          deliver_policy: 'all',
          filter_subject: def.subjects[0],
          ack_wait: ns(s.ackWaitMs),
          max_deliver: s.maxDeliver,
          max_ack_pending: s.maxAckPending,
        },
      };
    }
  }
  return files;
}
