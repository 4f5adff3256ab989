INSERT INTO ingest_log (path, sha256, result_rows, member_rows, ingested_at, outcome, message)
VALUES (?, ?, ?, ?, ?, ?, ?)
