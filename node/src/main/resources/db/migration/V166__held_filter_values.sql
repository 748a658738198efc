-- The filters this node publishes to partners keep their PRF values here rather than in the heap
-- (decision 0045): one row per target input (or event token) and the case (or operation) holding
-- it, per filter (partner, agreement, kind) and key epoch. A claim is confirmed through the index
-- on prf; a restarted node rebuilds its filters' Bloom filters from these rows without evaluating
-- the OPRF again. held_filters names the filters with the epoch and public key their rows were
-- computed under (a new seed keeps the epoch but changes the key: the rows are then dropped), so
-- that a restarted node brings every one of them up to date (rows of targets removed meanwhile
-- leave with that catch-up).
CREATE TABLE held_filters (
  partner_agency  VARCHAR(64)  NOT NULL,
  agreement_id    VARCHAR(128) NOT NULL,
  match_kind      VARCHAR(16)  NOT NULL,
  epoch           BIGINT       NOT NULL,
  public_key      BYTEA        NOT NULL,
  PRIMARY KEY (partner_agency, agreement_id, match_kind)
);

CREATE TABLE held_filter_values (
  partner_agency  VARCHAR(64)  NOT NULL,
  agreement_id    VARCHAR(128) NOT NULL,
  match_kind      VARCHAR(16)  NOT NULL,
  epoch           BIGINT       NOT NULL,
  input           BYTEA        NOT NULL,
  ref             VARCHAR(200) NOT NULL,
  prf             BYTEA        NOT NULL,
  PRIMARY KEY (partner_agency, agreement_id, match_kind, epoch, input, ref)
);

CREATE INDEX held_filter_values_by_prf
  ON held_filter_values (partner_agency, agreement_id, match_kind, epoch, prf);
