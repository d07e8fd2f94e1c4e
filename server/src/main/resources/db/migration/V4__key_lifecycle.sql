-- Key lifecycle: the initial version (what plain Encrypt uses), automatic rotation, scheduled
-- deletion, and aliases. New columns are nullable so that the migration runs on SQLite too.

ALTER TABLE keys ADD COLUMN initial_version VARCHAR(128);
ALTER TABLE keys ADD COLUMN rotation_interval_seconds BIGINT;
ALTER TABLE keys ADD COLUMN next_rotation_date VARCHAR(40);
ALTER TABLE keys ADD COLUMN deletion_date VARCHAR(40);
UPDATE keys SET initial_version = primary_version;

-- An alias names one key; names are unique across the server so that alias/<name> needs no instance.
CREATE TABLE key_aliases (
    alias_name     VARCHAR(300)  NOT NULL PRIMARY KEY,
    instance_id    VARCHAR(64)   NOT NULL REFERENCES instances (instance_id),
    key_id         VARCHAR(64)   NOT NULL REFERENCES keys (key_id),
    creation_date  VARCHAR(40)   NOT NULL
);

CREATE INDEX key_aliases_by_instance ON key_aliases (instance_id, alias_name);
CREATE INDEX key_aliases_by_key ON key_aliases (key_id);
