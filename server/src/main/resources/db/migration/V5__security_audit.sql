-- Security audit: the bucket an instance's audit logs go to while its security_audit is Enabled.
ALTER TABLE instances ADD COLUMN audit_bucket VARCHAR(128);
