-- The names this run wrote in both scripts whose spelling settleSpellings would change: $1 the spellings
-- their rows were staged under (the first staged), $2 the settled ones, in the same order.
CREATE OR REPLACE TEMP TABLE stage_respell AS
SELECT unnest($1::VARCHAR[]) AS spelling, unnest($2::VARCHAR[]) AS settled
