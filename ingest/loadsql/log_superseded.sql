-- One 'removed' ingest_log entry per earlier file a file of this run superseded, inside the load's
-- transaction, so that re-ingesting the old file loads it again instead of calling it unchanged.
INSERT INTO ingest_log (path, sha256, result_rows, member_rows, ingested_at, outcome, message)
SELECT s.source_file, '', 0, 0, $1, 'removed', '被重新报送的 ' || min(f.source_file) || ' 替换'
FROM stage_superseded s
JOIN stage_files f USING (file_id)
GROUP BY s.source_file
ORDER BY s.source_file
