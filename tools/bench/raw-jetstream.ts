import { AckPolicy, connect, nanos, StorageType } from 'nats';

/**
 * The floor for event propagation: publish `count` messages of `size` bytes to a fresh file-backed stream
 * and consume them with one durable pull consumer, acking each, with the nats client alone.
 */
export async function rawJetStreamSeconds(natsUrl: string, count: number, size: number): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await nc.jetstreamManager();
  const name = `BENCH_RAW_${Date.now()}`;
  await jsm.streams.add({ name, subjects: [`bench.raw.${name}`], storage: StorageType.File });
  await jsm.consumers.add(name, { durable_name: 'bench', ack_policy: AckPolicy.Explicit, ack_wait: nanos(30_000) });
  const js = nc.jetstream();
  const payload = Buffer.alloc(size, 'x');
  const started = performance.now();
  const consumer = await js.consumers.get(name, 'bench');
  const consumed = (async () => {
    let n = 0;
    const messages = await consumer.consume({ max_messages: 400 });
    for await (const m of messages) {
      m.ack();
      if (++n === count) break;
    }
  })();
  for (let i = 0; i < count; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, count - i) }, (_, j) => js.publish(`bench.raw.${name}`, payload, { msgID: `${name}-${i + j}` })));
  }
  await consumed;
  const seconds = (performance.now() - started) / 1000;
  await jsm.streams.delete(name);
  await nc.close();
  return seconds;
}
