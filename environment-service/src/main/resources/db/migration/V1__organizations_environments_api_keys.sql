CREATE TABLE organizations (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE environments (
    id                    UUID PRIMARY KEY,
    organization_id       UUID        NOT NULL REFERENCES organizations (id),
    name                  TEXT        NOT NULL,
    -- the public Application Identifier
    identifier            TEXT        NOT NULL UNIQUE,
    kind                  TEXT        NOT NULL CHECK (kind IN ('DEVELOPMENT', 'CUSTOM', 'PRODUCTION')),
    -- promoted from; null for the root of the chain (Development)
    source_environment_id UUID REFERENCES environments (id),
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT environment_is_not_its_own_source CHECK (source_environment_id <> id)
);

CREATE UNIQUE INDEX environments_unique_name_per_organization ON environments (organization_id, lower(name));
-- a source promotes to exactly one target: the chain never forks
CREATE UNIQUE INDEX environments_one_target_per_source ON environments (source_environment_id);
CREATE INDEX environments_by_organization ON environments (organization_id);

CREATE TABLE api_keys (
    id             UUID PRIMARY KEY,
    environment_id UUID        NOT NULL REFERENCES environments (id),
    -- lowercase hex SHA-256 of the secret; the secret itself is never stored
    key_hash       TEXT        NOT NULL UNIQUE,
    prefix         TEXT        NOT NULL,
    last_four      TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- set when the key was kept for a while after a rotation
    expires_at     TIMESTAMPTZ,
    revoked_at     TIMESTAMPTZ
);

CREATE INDEX api_keys_by_environment ON api_keys (environment_id, created_at);
