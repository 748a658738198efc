-- Partners' de-confliction filters as this node last fetched them, with the generation they are
-- at, so a restarted node asks only for the deltas since then (decision 0011).
CREATE TABLE partner_filters (
  partner_agency  VARCHAR(64)  NOT NULL,
  match_kind      VARCHAR(16)  NOT NULL,
  epoch           BIGINT       NOT NULL,
  filter_id       VARCHAR(100) NOT NULL,
  generation      BIGINT       NOT NULL,
  public_key      BYTEA        NOT NULL,
  filter_bytes    BYTEA        NOT NULL,
  stored_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (partner_agency, match_kind)
);
