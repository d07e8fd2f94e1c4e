-- The AES modes of an AES key, fixed when it is created: GCM (AES_GCM only) or CBC_ECB (AES_CBC and
-- AES_ECB only); NULL for RSA, EC and HMAC keys. One key never serves both, as CBC with a chosen IV
-- and ECB give raw AES block access, which breaks GCM under the same key. Existing AES keys are GCM.
-- Nullable so that the migration runs on SQLite too.

ALTER TABLE keys ADD COLUMN aes_modes VARCHAR(16);
UPDATE keys SET aes_modes = 'GCM' WHERE key_spec IN ('Aliyun_AES_256', 'Aliyun_AES_128', 'Aliyun_AES_192');
