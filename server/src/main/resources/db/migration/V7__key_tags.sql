-- Key tags: TagKey/TagValue pairs on a key, one value per TagKey (case-sensitive). The key service
-- enforces the limits (20 tags per key, TagKey 1..128 characters, TagValue 0..256); the columns fit them.

CREATE TABLE key_tags (
    key_id     VARCHAR(64)   NOT NULL REFERENCES keys (key_id),
    tag_key    VARCHAR(128)  NOT NULL,
    tag_value  VARCHAR(256)  NOT NULL,
    PRIMARY KEY (key_id, tag_key)
);

-- For listing an instance's keys by tag.
CREATE INDEX key_tags_by_tag ON key_tags (tag_key, tag_value);
