-- Partners' queries this node answered, per UTC day, against the agreement's
-- rate_limits.queries_per_day (enforced by the answering side).
CREATE TABLE query_counts (
  partner_agency  VARCHAR(64)  NOT NULL,
  query_day       DATE         NOT NULL,
  agreement_id    VARCHAR(100) NOT NULL,
  used            BIGINT       NOT NULL,
  day_limit       BIGINT       NOT NULL,
  PRIMARY KEY (partner_agency, query_day)
);
