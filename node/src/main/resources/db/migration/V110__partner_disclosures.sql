-- Every record this node disclosed to a partner (a query answer, an approved request for
-- information): what a partner's feedback must refer to (docs/security-model.md).
CREATE TABLE partner_disclosures (
  partner_agency  VARCHAR(64)  NOT NULL,
  record_id       VARCHAR(200) NOT NULL,
  message_id      VARCHAR(100) NOT NULL,
  disclosed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (partner_agency, record_id)
);
