-- Each environment's place in its organization's promotion chain, from tidings.environment.events.
-- The target of X is the environment whose source is X.
CREATE TABLE environments (
    environment_id        UUID        PRIMARY KEY,
    organization_id       UUID        NOT NULL,
    kind                  TEXT        NOT NULL,
    source_environment_id UUID,
    occurred_at           TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX environments_by_source ON environments (source_environment_id);

-- The latest revision of every promotable entity per environment, from tidings.content.revisions.
-- change_id is the stable id of the (source environment, type, key) change, a name-based UUID.
CREATE TABLE content_state (
    environment_id UUID        NOT NULL,
    type           TEXT        NOT NULL,
    key            UUID        NOT NULL,
    change_id      UUID        NOT NULL UNIQUE,
    organization_id UUID,
    revision       BIGINT      NOT NULL,
    content_hash   TEXT        NOT NULL,
    deleted        BOOLEAN     NOT NULL,
    name           TEXT,
    content        TEXT,
    actor          TEXT,
    changed_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (environment_id, type, key)
);
