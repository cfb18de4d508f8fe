-- Environment-local data: every row carries its environment and every query filters by it.

CREATE TABLE subscribers (
    environment_id UUID        NOT NULL,
    id             UUID        NOT NULL,
    subscriber_id  TEXT        NOT NULL,
    email          TEXT,
    first_name     TEXT,
    last_name      TEXT,
    phone          TEXT,
    avatar         TEXT,
    locale         TEXT,
    data           TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE UNIQUE INDEX subscribers_unique_subscriber_id ON subscribers (environment_id, subscriber_id);
CREATE INDEX subscribers_by_created ON subscribers (environment_id, created_at, id);

-- Promotable content: the key is made in development and shared by every environment's copy.
CREATE TABLE feeds (
    environment_id UUID        NOT NULL,
    id             UUID        NOT NULL,
    name           TEXT        NOT NULL,
    identifier     TEXT        NOT NULL,
    content        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE UNIQUE INDEX feeds_unique_identifier ON feeds (environment_id, identifier);

-- Read model of other services' content (workflows, layouts, brand), filled from
-- tidings.content.revisions. A deleted entity stays as a tombstone, so an older revision
-- arriving late cannot bring it back.
CREATE TABLE content_read_model (
    environment_id UUID        NOT NULL,
    entity_type    TEXT        NOT NULL,
    entity_key     UUID        NOT NULL,
    revision       BIGINT      NOT NULL,
    deleted        BOOLEAN     NOT NULL,
    name           TEXT,
    identifier     TEXT,
    is_default     BOOLEAN     NOT NULL DEFAULT false,
    content        TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, entity_type, entity_key)
);
CREATE INDEX content_read_model_by_identifier ON content_read_model (environment_id, entity_type, identifier);

-- One row per trigger; a transaction id is delivered once per environment.
CREATE TABLE notifications (
    environment_id      UUID        NOT NULL,
    id                  UUID        NOT NULL,
    transaction_id      TEXT        NOT NULL,
    workflow_identifier TEXT        NOT NULL,
    workflow_id         UUID        NOT NULL,
    subscriber_ids      TEXT[]      NOT NULL,
    payload             TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE UNIQUE INDEX notifications_unique_transaction ON notifications (environment_id, transaction_id);
CREATE INDEX notifications_by_created ON notifications (environment_id, created_at DESC, id);

CREATE TABLE messages (
    environment_id  UUID        NOT NULL,
    id              UUID        NOT NULL,
    notification_id UUID        NOT NULL,
    transaction_id  TEXT        NOT NULL,
    workflow_identifier TEXT    NOT NULL,
    subscriber_id   TEXT        NOT NULL,
    step_id         TEXT        NOT NULL,
    channel         TEXT        NOT NULL,
    feed_id         UUID,
    subject         TEXT,
    content         TEXT        NOT NULL,
    payload         TEXT        NOT NULL,
    seen            BOOLEAN     NOT NULL DEFAULT false,
    read            BOOLEAN     NOT NULL DEFAULT false,
    last_seen_at    TIMESTAMPTZ,
    last_read_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE INDEX messages_by_subscriber ON messages (environment_id, subscriber_id, channel, created_at DESC);
CREATE INDEX messages_by_created ON messages (environment_id, created_at DESC, id);

CREATE TABLE execution_details (
    environment_id  UUID        NOT NULL,
    id              UUID        NOT NULL,
    notification_id UUID        NOT NULL,
    subscriber_id   TEXT        NOT NULL,
    step_id         TEXT        NOT NULL,
    channel         TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('success', 'failed', 'skipped')),
    detail          TEXT        NOT NULL,
    provider_id     TEXT,
    message_id      UUID,
    payload         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE INDEX execution_details_by_notification ON execution_details (environment_id, notification_id, created_at);
