-- Results rows of the run without 登记选民 — their sheet has no such column, or the cell is blank — that no
-- 选民登记 row gives it (registers in registers.sql): neither one of the run nor one loaded before that the
-- run leaves in place (stored_registrations), in file and row order.
SELECT e.file_id, e.source_sheet, e.source_row, e.body
FROM stage_elections e
WHERE e.registered IS NULL
  AND NOT EXISTS (SELECT 1 FROM (SELECT county, township, unit, year, body, registered FROM stage_registration
                                 UNION ALL
                                 SELECT county, township, unit, year, body, registered FROM stored_registrations) r
                  WHERE r.county = e.county AND r.township = e.township AND r.unit = e.unit AND r.year = e.year
                    AND registers(r.body, e.body) AND r.registered IS NOT NULL)
ORDER BY e.file_id, e.seq
