-- People of the staged files who already sit, per the database, on the same body in the same year in
-- another unit — loaded by an earlier run. Only 身份证号 identifies a person across units; a name alone
-- does not. Runs inside the load's transaction, after replace.sql.
SELECT s.file_id, s.source_sheet, s.source_row, s.name, s.year, s.body, s.id_number,
       o.township, o.unit, o.source_file, o.source_row
FROM stage_members s
JOIN members o
  ON o.year = s.year AND o.body = s.body AND o.person_key = s.person_key
 AND (o.county, o.township, o.unit) <> (s.county, s.township, s.unit)
WHERE s.person_key LIKE 'id:%'
  AND (o.county, o.township, o.unit, o.year, o.body) NOT IN (SELECT county, township, unit, year, body FROM stage_member_keys)
ORDER BY s.file_id, s.source_sheet, s.source_row, o.source_file, o.source_row
