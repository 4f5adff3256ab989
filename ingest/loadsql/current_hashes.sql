-- Content hashes whose rows are still in the database: loaded, and not superseded by a later file of
-- a different content loaded from the same path (a corrected resubmission). Re-ingesting such a file
-- changes nothing; re-ingesting an older, superseded version loads it again.
SELECT DISTINCT l.sha256
FROM ingest_log l
WHERE l.outcome = 'loaded'
  AND NOT EXISTS (
      SELECT 1 FROM ingest_log m
      WHERE m.outcome = 'loaded' AND m.path = l.path AND m.sha256 <> l.sha256 AND m.id > l.id
  )
ORDER BY l.sha256
