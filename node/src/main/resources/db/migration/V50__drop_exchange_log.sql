-- The exchange table was superseded by the tamper-evident audit log (V20): every request and
-- answer is an audit entry, written before the answer leaves. Nothing writes or reads it any more.
drop table if exists exchange_log;
