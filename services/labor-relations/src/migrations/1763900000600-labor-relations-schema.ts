import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bargaining units, contracts (grievance procedure as data), negotiations, the district calendar, and the school projection. */
export class LaborRelationsSchema1763900000600 implements MigrationInterface {
  name = 'LaborRelationsSchema1763900000600';

  async up(q: QueryRunner): Promise<void> {
    // enrollment's schools, from its events (grievances reference real schools)
    await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);

    // the district calendar: school years, and days off (holidays close offices too; breaks close schools only)
    await q.query(`CREATE TABLE school_years (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on > starts_on),
      CONSTRAINT school_years_no_overlap EXCLUDE USING gist (daterange(starts_on, ends_on, '[]') WITH &&))`);
    await q.query(`CREATE TABLE days_off (
      id uuid PRIMARY KEY,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('holiday', 'break')),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on))`);
    await q.query(`CREATE INDEX days_off_starts ON days_off (starts_on)`);

    await q.query(`CREATE TABLE bargaining_units (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      union_name text NOT NULL,
      local text,
      employee_count int NOT NULL CHECK (employee_count >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE contracts (
      id uuid PRIMARY KEY,
      unit_id uuid NOT NULL REFERENCES bargaining_units (id),
      title text NOT NULL,
      effective_on date NOT NULL,
      expires_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('in-negotiation', 'tentative-agreement', 'ratified', 'active', 'expired', 'superseded')),
      tentative_agreement_on date,
      ratified_on date,
      predecessor_id uuid UNIQUE REFERENCES contracts (id),
      grievance_procedure jsonb NOT NULL,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (expires_on > effective_on))`);
    await q.query(`CREATE INDEX contracts_unit ON contracts (unit_id, effective_on)`);
    // what the daily expiry job asks for
    await q.query(`CREATE INDEX contracts_in_force_expiry ON contracts (expires_on) WHERE status IN ('active', 'ratified')`);

    await q.query(`CREATE TABLE negotiation_sessions (
      id uuid PRIMARY KEY,
      contract_id uuid NOT NULL REFERENCES contracts (id),
      held_on date NOT NULL,
      location text,
      attendees text[] NOT NULL DEFAULT '{}',
      notes text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX negotiation_sessions_contract ON negotiation_sessions (contract_id, held_on)`);
    await q.query(`CREATE TABLE proposals (
      id uuid PRIMARY KEY,
      contract_id uuid NOT NULL REFERENCES contracts (id),
      session_id uuid REFERENCES negotiation_sessions (id),
      article text NOT NULL,
      party text NOT NULL CHECK (party IN ('union', 'district')),
      responds_to uuid REFERENCES proposals (id),
      summary text NOT NULL,
      proposed_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'countered', 'withdrawn', 'tentatively-agreed')),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX proposals_contract ON proposals (contract_id, article, proposed_on)`);
    await q.query(`CREATE TABLE tentative_agreements (
      id uuid PRIMARY KEY,
      contract_id uuid NOT NULL REFERENCES contracts (id),
      article text NOT NULL,
      summary text NOT NULL,
      agreed_on date NOT NULL,
      proposal_id uuid REFERENCES proposals (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (contract_id, article))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['tentative_agreements', 'proposals', 'negotiation_sessions', 'contracts', 'bargaining_units', 'days_off', 'school_years', 'schools']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
