-- Key pairs (RSA, EC): a version keeps its private key wrapped by the domain key (AES key wrap with
-- padding over PKCS#8) and its public key (X.509 SubjectPublicKeyInfo), both base64. A wrapped
-- RSA-4096 private key does not fit wrapped_material (VARCHAR(512)) and SQLite cannot widen a
-- column, so key-pair versions use these columns and leave wrapped_material empty.

ALTER TABLE key_versions ADD COLUMN wrapped_private_key TEXT;
ALTER TABLE key_versions ADD COLUMN public_key TEXT;
