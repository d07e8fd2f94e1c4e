-- Security audit digests: each instance's audit signing key, an EC P-256 key pair generated in its
-- HSM cluster (private key wrapped by the domain key, public key X.509 SubjectPublicKeyInfo, both
-- base64). And the time audit was last disabled: audit_bucket is kept then, so that intervals that
-- began before it still go to that bucket.
CREATE TABLE audit_signing_keys (
    instance_id         VARCHAR(64) PRIMARY KEY,
    wrapped_private_key TEXT        NOT NULL,
    public_key          TEXT        NOT NULL,
    create_time         VARCHAR(40) NOT NULL
);

ALTER TABLE instances ADD COLUMN audit_disabled_at VARCHAR(40);
