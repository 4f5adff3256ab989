-- The rest of the preview: the files the rows came from (whole: nothing of the file stays), the
-- warnings that go with them, and the units left without any row afterwards.
SELECT 'file' AS what, source_file AS name, results, members, registrations, whole FROM remove_files
UNION ALL
SELECT 'warnings', NULL, count(*), 0, 0, false FROM remove_warnings
UNION ALL
SELECT DISTINCT 'unit', county || '|' || township || '|' || unit, 0, 0, 0, true
FROM remove_keys k
WHERE NOT EXISTS (SELECT 1 FROM elections e
                  WHERE e.county = k.county AND e.township = k.township AND e.unit = k.unit
                    AND (e.county, e.township, e.unit, e.year, e.body) NOT IN (SELECT county, township, unit, year, body FROM remove_elections))
  AND NOT EXISTS (SELECT 1 FROM members m
                  WHERE m.county = k.county AND m.township = k.township AND m.unit = k.unit
                    AND (m.county, m.township, m.unit, m.year, m.body) NOT IN (SELECT county, township, unit, year, body FROM remove_members))
ORDER BY 1, 2
