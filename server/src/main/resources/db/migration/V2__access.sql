-- Access objects of an instance: network rules, policies, application access points (AAP) and
-- their client keys. Lists are comma-separated names or ranges (names exclude commas). Client
-- keys keep only the public key: the private key leaves once, in the PKCS#12 file handed out.

CREATE TABLE network_rules (
    instance_id        VARCHAR(64)   NOT NULL REFERENCES instances (instance_id),
    name               VARCHAR(64)   NOT NULL,
    source_private_ip  VARCHAR(4000) NOT NULL,
    description        VARCHAR(1024) NOT NULL,
    create_time        VARCHAR(40)   NOT NULL,
    PRIMARY KEY (instance_id, name)
);

CREATE TABLE policies (
    instance_id    VARCHAR(64)   NOT NULL REFERENCES instances (instance_id),
    name           VARCHAR(64)   NOT NULL,
    permissions    VARCHAR(1024) NOT NULL,
    resources      VARCHAR(4000) NOT NULL,
    network_rules  VARCHAR(4000) NOT NULL,
    description    VARCHAR(1024) NOT NULL,
    create_time    VARCHAR(40)   NOT NULL,
    PRIMARY KEY (instance_id, name)
);

CREATE TABLE access_points (
    instance_id            VARCHAR(64)   NOT NULL REFERENCES instances (instance_id),
    name                   VARCHAR(64)   NOT NULL,
    authentication_method  VARCHAR(32)   NOT NULL,
    policies               VARCHAR(4000) NOT NULL,
    description            VARCHAR(1024) NOT NULL,
    create_time            VARCHAR(40)   NOT NULL,
    PRIMARY KEY (instance_id, name)
);

CREATE TABLE client_keys (
    client_key_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    instance_id      VARCHAR(64)   NOT NULL REFERENCES instances (instance_id),
    aap_name         VARCHAR(64)   NOT NULL,
    key_algorithm    VARCHAR(32)   NOT NULL,
    public_key       VARCHAR(4000) NOT NULL,
    not_before       VARCHAR(40)   NOT NULL,
    not_after        VARCHAR(40)   NOT NULL,
    create_time      VARCHAR(40)   NOT NULL
);

CREATE INDEX client_keys_by_aap ON client_keys (instance_id, aap_name);
