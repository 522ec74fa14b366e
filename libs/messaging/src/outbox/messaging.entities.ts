import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An event written in the same transaction as the change it describes; the relay publishes it after commit. */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ type: 'text' })
  subject: string;

  /** the whole envelope, published as is */
  @Column({ type: 'jsonb' })
  envelope: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

/** One row per (event, consumer) handled: a redelivered event finds its row and is skipped. */
@Entity({ name: 'inbox' })
export class InboxRow {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @Column({ type: 'text' })
  type: string;

  @CreateDateColumn({ name: 'handled_at', type: 'timestamptz' })
  handledAt: Date;
}

/** An event that failed its last delivery attempt (or could not be read at all), kept for an operator. */
@Entity({ name: 'dead_letters' })
export class DeadLetterRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** null when the message was not a readable envelope */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'text' })
  consumer: string;

  @Column({ type: 'text' })
  stream: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  type: string | null;

  /** the raw message body as received */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'text' })
  error: string;

  @Column({ type: 'int' })
  deliveries: number;

  @CreateDateColumn({ name: 'failed_at', type: 'timestamptz' })
  failedAt: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt: Date | null;
}

export const MESSAGING_ENTITIES = [OutboxRow, InboxRow, DeadLetterRow];
