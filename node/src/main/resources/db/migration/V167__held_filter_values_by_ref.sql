-- A held filter's catch-up reads the rows of the cases that changed, not every row of the filter
-- (decision 0047): the rows of a reference (a case number, or an operation id) through this index.
CREATE INDEX held_filter_values_by_ref
  ON held_filter_values (partner_agency, agreement_id, match_kind, epoch, ref);
