-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are ISO-8601 UTC text.

CREATE TABLE admin_access_keys (
    access_key_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret_sha256   VARCHAR(64)  NOT NULL,
    create_time     VARCHAR(40)  NOT NULL
);

CREATE TABLE hsm_clusters (
    hsm_cluster_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    region_id               VARCHAR(64)  NOT NULL,
    name                    VARCHAR(128) NOT NULL,
    minimum_nodes           INTEGER      NOT NULL,
    crypto_user             VARCHAR(64)  NOT NULL,
    domain_key_label        VARCHAR(64)  NOT NULL,
    domain_key_check_value  VARCHAR(64),
    create_time             VARCHAR(40)  NOT NULL
);

CREATE TABLE hsm_nodes (
    hsm_cluster_id  VARCHAR(64)   NOT NULL REFERENCES hsm_clusters (hsm_cluster_id),
    node_id         VARCHAR(64)   NOT NULL,
    position        INTEGER       NOT NULL,
    module_path     VARCHAR(1024) NOT NULL,
    token_label     VARCHAR(32)   NOT NULL,
    zone_id         VARCHAR(64)   NOT NULL,
    PRIMARY KEY (hsm_cluster_id, node_id)
);

-- One HSM cluster binds to at most one instance: the UNIQUE constraint holds that even
-- when several Strongroom nodes share the store.
CREATE TABLE instances (
    instance_id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    region_id              VARCHAR(64)   NOT NULL,
    instance_name          VARCHAR(128)  NOT NULL,
    vpc_id                 VARCHAR(128)  NOT NULL,
    allowed_cidrs          VARCHAR(4000) NOT NULL,
    spec                   INTEGER       NOT NULL,
    hsm_cluster_id         VARCHAR(64)   NOT NULL UNIQUE REFERENCES hsm_clusters (hsm_cluster_id),
    status                 VARCHAR(16)   NOT NULL,
    security_audit         VARCHAR(16)   NOT NULL,
    error_code             VARCHAR(64),
    error_message          VARCHAR(1024),
    sealed_credential      VARCHAR(4000),
    ca_certificate_pem     VARCHAR(8000) NOT NULL,
    sealed_ca_private_key  VARCHAR(8000) NOT NULL,
    create_time            VARCHAR(40)   NOT NULL,
    update_time            VARCHAR(40)   NOT NULL
);

CREATE INDEX instances_by_region ON instances (region_id);
