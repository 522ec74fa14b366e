import { Counter, Gauge, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}
function gauge(name: string, help: string, labelNames: string[]): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help, labelNames });
}
function histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram<string> {
  return (register.getSingleMetric(name) as Histogram<string>) ?? new Histogram({ name, help, labelNames, buckets });
}

export const messagingMetrics = {
  published: counter('events_published_total', 'Events published from the outbox', ['service', 'type']),
  publishFailures: counter('events_publish_failures_total', 'Outbox publish attempts that failed', ['service']),
  outboxPending: gauge('outbox_pending', 'Outbox rows not yet published (as of the last relay pass)', ['service']),
  consumed: counter('events_consumed_total', 'Events handled by a consumer, by result', ['service', 'stream', 'type', 'result']),
  handleSeconds: histogram('event_handle_seconds', 'Time to handle a batch of events in one transaction', ['service', 'stream'], [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5]),
  deadLetters: counter('dead_letters_total', 'Events moved to dead letters', ['service', 'type']),
  rpcSeconds: histogram('rpc_client_seconds', 'Request/reply calls made, by subject and outcome', ['service', 'subject', 'outcome'], [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5]),
};
