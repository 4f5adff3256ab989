-- Delete what remove_select.sql chose, inside the removal's transaction; registration_unfill.sql (the
-- results rows that stay give back a removed 选民登记 row's figures) and units.sql follow, the latter over
-- the elections in stage_keys.
DELETE FROM data_warnings WHERE rowid IN (SELECT rid FROM remove_warnings);

DELETE FROM elections e USING remove_elections r
WHERE e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year AND e.body = r.body;

DELETE FROM members m USING remove_members r
WHERE m.county = r.county AND m.township = r.township AND m.unit = r.unit AND m.year = r.year AND m.body = r.body
  AND m.source_file = r.source_file AND m.source_sheet = r.source_sheet AND m.source_row = r.source_row;

DELETE FROM registrations g USING remove_registrations r
WHERE g.county = r.county AND g.township = r.township AND g.unit = r.unit AND g.year = r.year
  AND g.body IS NOT DISTINCT FROM r.body
  AND g.source_file = r.source_file AND g.source_sheet = r.source_sheet AND g.source_row = r.source_row;

CREATE OR REPLACE TEMP TABLE stage_keys AS SELECT * FROM remove_keys;
