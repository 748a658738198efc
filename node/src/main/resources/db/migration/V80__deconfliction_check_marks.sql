-- How far each partner has checked each case (docs/deconfliction.md, decision 0009): the automatic
-- check of a case asks a partner only about the subjects added after checked_through (subject ids
-- grow), so probes grow with what is new, not with the size of the case. scope_key names what the
-- marks were earned under (the case's status and crime categories within the agreement's scope):
-- when it changes, the case is checked whole again.
CREATE TABLE dc_check_marks (
  partner_agency   VARCHAR(64)  NOT NULL,
  case_number      VARCHAR(100) NOT NULL,
  scope_key        VARCHAR(500) NOT NULL,
  checked_through  BIGINT       NOT NULL,
  PRIMARY KEY (partner_agency, case_number)
);
