-- Promotion saga, participant side: each (promotion, step) a service has handled, with the reply
-- it gave (re-sent on a duplicate command) and what the target held before (put back on revert).
CREATE TABLE promotion_steps (
    promotion_id          UUID        NOT NULL,
    step                  INT         NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN ('APPLIED', 'FAILED', 'REVERTED')),
    reply_type            TEXT        NOT NULL,
    reply_payload         TEXT        NOT NULL,
    previous              TEXT,
    target_environment_id UUID        NOT NULL,
    organization_id       UUID        NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (promotion_id, step)
);
