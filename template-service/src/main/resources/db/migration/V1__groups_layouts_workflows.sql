-- Promotable content. The primary key is (environment, key): the key is made in the source
-- environment and shared by every environment's copy, so references between content
-- (a workflow's group and layouts) stay valid after promotion.

CREATE TABLE notification_groups (
    environment_id UUID        NOT NULL,
    id             UUID        NOT NULL,
    name           TEXT        NOT NULL,
    content        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE UNIQUE INDEX notification_groups_unique_name ON notification_groups (environment_id, lower(name));

CREATE TABLE layouts (
    environment_id UUID        NOT NULL,
    id             UUID        NOT NULL,
    name           TEXT        NOT NULL,
    identifier     TEXT        NOT NULL,
    is_default     BOOLEAN     NOT NULL,
    content        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE UNIQUE INDEX layouts_unique_identifier ON layouts (environment_id, identifier);
CREATE UNIQUE INDEX layouts_one_default ON layouts (environment_id) WHERE is_default;

CREATE TABLE workflows (
    environment_id        UUID        NOT NULL,
    id                    UUID        NOT NULL,
    name                  TEXT        NOT NULL,
    identifier            TEXT        NOT NULL,
    notification_group_id UUID        NOT NULL,
    layout_ids            UUID[]      NOT NULL DEFAULT '{}',
    content               TEXT        NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, id)
);
CREATE UNIQUE INDEX workflows_unique_identifier ON workflows (environment_id, identifier);
CREATE INDEX workflows_by_created ON workflows (environment_id, created_at DESC, id);
CREATE INDEX workflows_by_group ON workflows (environment_id, notification_group_id);
