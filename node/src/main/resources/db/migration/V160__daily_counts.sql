-- One table for every count a quota holds a partner to per UTC day (decision 0025): the
-- partner's queries this node answered (QUERY), the partner's blinded elements this node
-- evaluated (PROBE_IN), and this node's elements the partner reports it evaluated (PROBE_OUT).
CREATE TABLE daily_counts (
  partner_agency  VARCHAR(64)  NOT NULL,
  count_day       DATE         NOT NULL,
  kind            VARCHAR(16)  NOT NULL,
  agreement_id    VARCHAR(100) NOT NULL,
  used            BIGINT       NOT NULL,
  day_limit       BIGINT       NOT NULL,
  PRIMARY KEY (partner_agency, count_day, kind),
  CONSTRAINT ck_daily_counts_kind CHECK (kind IN ('QUERY', 'PROBE_IN', 'PROBE_OUT'))
);

INSERT INTO daily_counts (partner_agency, count_day, kind, agreement_id, used, day_limit)
  SELECT partner_agency, query_day, 'QUERY', agreement_id, used, day_limit FROM query_counts;

INSERT INTO daily_counts (partner_agency, count_day, kind, agreement_id, used, day_limit)
  SELECT partner_agency, probe_day, CASE direction WHEN 'IN' THEN 'PROBE_IN' ELSE 'PROBE_OUT' END,
         agreement_id, used, day_limit
  FROM dc_probe_counts;

DROP TABLE query_counts;
DROP TABLE dc_probe_counts;
