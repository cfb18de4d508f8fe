-- One row per saga: a promotion, the rollback of one, or the discard of changes (target = source).
-- status: running -> completed, or running -> compensating -> failed (or running -> failed when
-- nothing had been applied). deadline is when the step in flight, or the reverts, time out.
CREATE TABLE promotions (
    promotion_id          UUID        PRIMARY KEY,
    organization_id       UUID        NOT NULL,
    source_environment_id UUID        NOT NULL,
    target_environment_id UUID        NOT NULL,
    kind                  TEXT        NOT NULL,
    rollback_of           UUID        REFERENCES promotions (promotion_id),
    status                TEXT        NOT NULL,
    requested_by          TEXT        NOT NULL,
    failure_reason        TEXT,
    steps_total           INT         NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    deadline              TIMESTAMPTZ NOT NULL,
    finished_at           TIMESTAMPTZ
);
-- The lock: one saga in flight per target environment, enforced by the database for every replica.
CREATE UNIQUE INDEX promotions_one_in_flight_per_target ON promotions (target_environment_id)
    WHERE status IN ('running', 'compensating');
CREATE INDEX promotions_by_source ON promotions (source_environment_id, created_at DESC);
CREATE INDEX promotions_by_target ON promotions (target_environment_id, created_at DESC);
CREATE INDEX promotions_in_flight ON promotions (deadline) WHERE status IN ('running', 'compensating');

-- Every item a saga carries, pinned to the source revision and content the caller saw, and what the
-- target held before (from the participant's ChangesApplied), which a rollback puts back.
CREATE TABLE promotion_items (
    promotion_id      UUID    NOT NULL REFERENCES promotions (promotion_id),
    position          INT     NOT NULL,
    step              INT     NOT NULL,
    change_id         UUID    NOT NULL,
    type              TEXT    NOT NULL,
    key               UUID    NOT NULL,
    name              TEXT,
    change_type       TEXT    NOT NULL,
    source_revision   BIGINT  NOT NULL,
    deleted           BOOLEAN NOT NULL,
    content           TEXT,
    dependency        BOOLEAN NOT NULL,
    previous_revision BIGINT,
    previous_deleted  BOOLEAN,
    previous_content  TEXT,
    PRIMARY KEY (promotion_id, position)
);
CREATE INDEX promotion_items_by_step ON promotion_items (promotion_id, step, position);
CREATE INDEX promotion_items_by_entity ON promotion_items (key, type);

-- The saga's steps, sent one after another: pending -> sent -> applied [-> reverting -> reverted],
-- or sent -> failed; a step that timed out goes sent -> reverting, so a late apply is undone.
CREATE TABLE saga_steps (
    promotion_id UUID NOT NULL REFERENCES promotions (promotion_id),
    step         INT  NOT NULL,
    service      TEXT NOT NULL,
    item_count   INT  NOT NULL,
    status       TEXT NOT NULL,
    PRIMARY KEY (promotion_id, step)
);
