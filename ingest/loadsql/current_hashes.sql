-- Content hashes whose rows are still in the database: loaded, not superseded by a later file of a
-- different content loaded from the same path (a corrected resubmission), and not followed by a
-- 'removed' entry for a file of the same name (a resubmission under another path, --replaces, or
-- electsum remove). Re-ingesting such a file changes nothing; re-ingesting a superseded or removed one
-- loads it again. Matching removals by file name may reload a file needlessly, never skip one wrongly.
-- With each hash, the counties and years its rows are stored under ('' and 0 when it holds none): a file
-- loaded again with a --county or --year its rows are not under is read again, so that either can
-- correct what was given to blank cells. rowless: the file loaded no row at all — a file without data, or a
-- 选民登记 table loaded before schema v6, whose figures went into other files' rows only (registration_rows
-- NULL; since v6 its rows are kept in registrations): readRowlessAgain.
-- The rows keep the path as it was typed (收到的表格/西镇.csv), the log the absolute one: a relative
-- source_file is its log path's tail (leading ./ and ../ aside), which may match a file of the same
-- tail elsewhere — a needless reading again, never a skip.
SELECT DISTINCT l.sha256, coalesce(r.county, '') AS county, coalesce(r.year, 0) AS year,
       l.result_rows = 0 AND l.member_rows = 0 AND coalesce(l.registration_rows, 0) = 0 AS rowless
FROM ingest_log l
LEFT JOIN (SELECT source_file, county, year FROM elections UNION SELECT source_file, county, year FROM members
           UNION SELECT source_file, county, year FROM registrations) r
  ON (r.source_file = l.path
       OR suffix(l.path, '/' || regexp_replace(r.source_file, '^(\.\.?[/\\])+', ''))
       OR suffix(l.path, '\' || regexp_replace(r.source_file, '^(\.\.?[/\\])+', '')))
WHERE l.outcome = 'loaded'
  AND NOT EXISTS (
      SELECT 1 FROM ingest_log m
      WHERE m.outcome = 'loaded' AND m.path = l.path AND m.sha256 <> l.sha256 AND m.id > l.id
  )
  AND NOT EXISTS (
      SELECT 1 FROM ingest_log r
      WHERE r.outcome = 'removed' AND r.id > l.id
        AND regexp_extract(r.path, '[^/\\]*$') = regexp_extract(l.path, '[^/\\]*$')
  )
ORDER BY 1, 2, 3, 4
