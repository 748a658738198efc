-- a partner checkpoint a finding was recorded against is neither asked about nor reported again
ALTER TABLE audit_partner_checkpoint ADD COLUMN disputed_at TIMESTAMP WITH TIME ZONE;
