-- People of the staged files who already sit, per the database, on the same body in the same year in
-- another unit — loaded by an earlier run. Only 身份证号 identifies a person across units; a name alone
-- does not. Runs inside the load's transaction, after the move (move.sql).
--
-- The database's rows of other elections are picked first (materialized): joined as they stood, every
-- staged row met itself among the rows just written, a join as large as the load.
WITH o AS MATERIALIZED (
    SELECT county, township, unit, year, body, person_key, source_file, source_row
    FROM members
    WHERE person_key LIKE 'id:%'
      AND (county, township, unit, year, body) NOT IN (SELECT county, township, unit, year, body FROM stage_member_keys)
)
SELECT s.file_id, s.source_sheet, s.source_row, s.name, s.year, s.body, s.id_number,
       o.township, o.unit, o.source_file, o.source_row
FROM stage_members s
JOIN o
  ON o.year = s.year AND o.body = s.body AND o.person_key = s.person_key
 AND (o.county, o.township, o.unit) <> (s.county, s.township, s.unit)
WHERE s.person_key LIKE 'id:%'
ORDER BY s.file_id, s.source_sheet, s.source_row, o.source_file, o.source_row
