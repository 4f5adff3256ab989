-- Results rows of the run without 登记选民: their sheet has no such column (a results row with it blank
-- was refused when read), and no 选民登记 row of the run gives it (registers in stage.sql). One row per
-- file and sheet, with its first such row.
SELECT e.file_id, e.source_sheet, min(e.source_row) AS first_row
FROM stage_elections e
WHERE e.registered IS NULL
  AND NOT EXISTS (SELECT 1 FROM stage_registration r
                  WHERE r.county = e.county AND r.township = e.township AND r.unit = e.unit AND r.year = e.year
                    AND registers(r.body, e.body) AND r.registered IS NOT NULL)
GROUP BY e.file_id, e.source_sheet
ORDER BY e.file_id, min(e.seq)
