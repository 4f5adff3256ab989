-- One 'removed' ingest_log entry per file that lost rows, inside the removal's transaction: what went
-- (result_rows, member_rows and registration_rows count the removed rows), when, and by which command. Re-ingesting the
-- file later loads it again instead of calling it unchanged (current_hashes.sql).
INSERT INTO ingest_log (path, sha256, result_rows, member_rows, ingested_at, outcome, message, registration_rows)
SELECT source_file, '', results, members, $1, 'removed', $2, registrations
FROM remove_files
ORDER BY source_file
