import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox, inbox and dead-letter tables every service needs. Include it first in a service's migrations. */
export class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text)`);
    await q.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE TABLE inbox (
      event_id uuid NOT NULL,
      consumer text NOT NULL,
      type text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, consumer))`);
    await q.query(`CREATE TABLE dead_letters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid,
      consumer text NOT NULL,
      stream text NOT NULL,
      subject text NOT NULL,
      type text,
      payload text NOT NULL,
      error text NOT NULL,
      deliveries int NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz)`);
    await q.query(`CREATE INDEX dead_letters_open ON dead_letters (failed_at) WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letters');
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}
