-- The same person on the same body in the same year in two units, named by two staged files of the same
-- run. Within one unit the election itself is doubled, which key_clashes.sql reports.
SELECT a.file_id, b.file_id, a.name, a.year, a.body, a.source_row, b.source_row
FROM stage_members a
JOIN stage_members b ON a.year = b.year AND a.body = b.body AND a.person_key = b.person_key
WHERE a.file_id < b.file_id
  AND (a.county, a.township, a.unit) IS DISTINCT FROM (b.county, b.township, b.unit)
ORDER BY a.file_id, b.file_id, a.source_row, b.source_row
