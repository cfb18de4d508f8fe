-- Immutable history of promotable content (workflows, groups, layouts, feeds, brand).
CREATE TABLE content_revisions (
    environment_id UUID        NOT NULL,
    entity_type    TEXT        NOT NULL,
    entity_key     UUID        NOT NULL,
    revision       BIGINT      NOT NULL,
    content        TEXT        NOT NULL,
    content_hash   TEXT        NOT NULL,
    deleted        BOOLEAN     NOT NULL,
    actor          TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, entity_type, entity_key, revision)
);
