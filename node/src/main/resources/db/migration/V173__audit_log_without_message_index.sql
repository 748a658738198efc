-- The audit log's only reader by message id was the intent journal's start, which now reads the
-- entries after its oldest unsettled intent by the primary key instead (decision 0073). The index
-- cost every audit batch a random leaf page per entry in each commit's chunk.
DROP INDEX IF EXISTS audit_log_message;
