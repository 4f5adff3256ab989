-- The election each staged warning is about: that of the results or members row of its file it points
-- at (a CSV file has no sheet name: its rows are staged with '' and its warnings with NULL). Executed one
-- statement at a time, once every file is staged.
UPDATE stage_warnings w
SET county = e.county, township = e.township, unit = e.unit, year = e.year, body = e.body
FROM stage_elections e
WHERE e.file_id = w.file_id AND e.source_sheet = coalesce(w.sheet, '') AND e.source_row = w.row_number;
UPDATE stage_warnings w
SET county = m.county, township = m.township, unit = m.unit, year = m.year, body = m.body
FROM stage_members m
WHERE m.file_id = w.file_id AND m.source_sheet = coalesce(w.sheet, '') AND m.source_row = w.row_number;
UPDATE stage_warnings w
SET county = r.county, township = r.township, unit = r.unit, year = r.year, body = r.body
FROM stage_registration r
WHERE r.file_id = w.file_id AND r.source_sheet = coalesce(w.sheet, '') AND r.source_row = w.row_number;
