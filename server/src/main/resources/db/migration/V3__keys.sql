-- Customer keys of an instance and their versions. A version holds only its key material
-- wrapped (AES key wrap with padding) by the instance's HSM domain key: the store, and every
-- backup of it, holds no usable key material.

CREATE TABLE keys (
    key_id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    instance_id       VARCHAR(64)   NOT NULL REFERENCES instances (instance_id),
    key_spec          VARCHAR(32)   NOT NULL,
    key_usage         VARCHAR(32)   NOT NULL,
    protection_level  VARCHAR(16)   NOT NULL,
    description       VARCHAR(1024) NOT NULL,
    key_state         VARCHAR(32)   NOT NULL,
    creation_date     VARCHAR(40)   NOT NULL,
    primary_version   VARCHAR(128)  NOT NULL
);

CREATE INDEX keys_by_instance ON keys (instance_id, creation_date);

CREATE TABLE key_versions (
    key_version_id    VARCHAR(128)  NOT NULL PRIMARY KEY,
    key_id            VARCHAR(64)   NOT NULL REFERENCES keys (key_id),
    wrapped_material  VARCHAR(512)  NOT NULL,
    creation_date     VARCHAR(40)   NOT NULL
);

CREATE INDEX key_versions_by_key ON key_versions (key_id);
