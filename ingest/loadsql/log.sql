-- Every file of the run into ingest_log, in path order, inside the load's transaction.
INSERT INTO ingest_log (path, sha256, result_rows, member_rows, ingested_at, outcome, message, registration_rows)
SELECT path, sha256, result_rows, member_rows, ingested_at, outcome, message, registration_rows
FROM stage_log
ORDER BY seq
