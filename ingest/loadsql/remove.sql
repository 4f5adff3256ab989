-- Delete what remove_select.sql chose, inside the removal's transaction; units.sql follows, over the
-- elections in stage_keys.
DELETE FROM data_warnings WHERE rowid IN (SELECT rid FROM remove_warnings);

DELETE FROM elections e USING remove_elections r
WHERE e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year AND e.body = r.body;

DELETE FROM members m USING remove_members r
WHERE m.county = r.county AND m.township = r.township AND m.unit = r.unit AND m.year = r.year AND m.body = r.body
  AND m.source_file = r.source_file AND m.source_sheet = r.source_sheet AND m.source_row = r.source_row;

CREATE OR REPLACE TEMP TABLE stage_keys AS SELECT * FROM remove_keys;
