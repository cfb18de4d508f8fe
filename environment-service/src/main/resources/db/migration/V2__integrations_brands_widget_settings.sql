-- Widget (client-side) settings per environment. Both nullable: rows made before V2 get their
-- secret on first use. widget_secret is sealed with AES-256-GCM (SecretBox), never plaintext.
-- hmac_required matters only for DEVELOPMENT (null = false there); every other kind always requires it.
ALTER TABLE environments ADD COLUMN widget_secret TEXT;
ALTER TABLE environments ADD COLUMN hmac_required BOOLEAN;

-- Provider integrations: environment-local, never promoted.
CREATE TABLE integrations (
    id             UUID PRIMARY KEY,
    environment_id UUID        NOT NULL REFERENCES environments (id),
    provider_id    TEXT        NOT NULL,
    channel        TEXT        NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'push')),
    name           TEXT        NOT NULL,
    active         BOOLEAN     NOT NULL,
    -- JSON object: credential name -> SecretBox-sealed value
    credentials    TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX integrations_by_environment ON integrations (environment_id, created_at);

-- Brand: promotable content, one per environment; its key is shared by every environment of the organization.
CREATE TABLE brands (
    environment_id UUID PRIMARY KEY REFERENCES environments (id),
    brand_key      UUID        NOT NULL,
    content        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
