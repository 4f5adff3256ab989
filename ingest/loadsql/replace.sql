-- Clear what the staged rows replace, before move.sql writes them. Runs inside the load's transaction, and
-- only when the database holds rows (holds_rows.sql): in an empty one every statement here is a no-op.
--
-- Replacement is per table: a file replaces exactly the tables it carries for the elections it covers.
-- Its results rows replace the results rows of the same elections, its members the members of the same
-- elections; a members-only file never touches results, a results-only file never touches members. A
-- resubmitted file (stage_superseded) replaces everything the earlier file loaded, whatever it covers.

-- Warnings go with the rows they are about, so they are deleted while those rows still exist: every
-- warning of a file loaded again or superseded, the warnings on the replaced rows, and the warnings
-- between the two tables that the other table's new rows make stale.
DELETE FROM data_warnings w
WHERE w.source_file IN (SELECT source_file FROM stage_files UNION ALL SELECT source_file FROM stage_superseded)
   OR EXISTS (SELECT 1 FROM elections e JOIN stage_result_keys k USING (county, township, unit, year, body)
              WHERE e.source_file = w.source_file AND e.source_sheet = coalesce(w.sheet, '') AND e.source_row = w.row_number)
   OR EXISTS (SELECT 1 FROM members m JOIN stage_member_keys k USING (county, township, unit, year, body)
              WHERE m.source_file = w.source_file AND m.source_sheet = coalesce(w.sheet, '') AND m.source_row = w.row_number)
   OR (w.rule IN ('no_result_row', 'member_count_mismatch')
       AND (w.county, w.township, w.unit, w.year, w.body) IN (SELECT county, township, unit, year, body FROM stage_keys));

DELETE FROM elections WHERE source_file IN (SELECT source_file FROM stage_superseded);
DELETE FROM members WHERE source_file IN (SELECT source_file FROM stage_superseded);

DELETE FROM elections e USING stage_result_keys k
WHERE e.county = k.county AND e.township = k.township AND e.unit = k.unit AND e.year = k.year AND e.body = k.body;

DELETE FROM members m USING stage_member_keys k
WHERE m.county = k.county AND m.township = k.township AND m.unit = k.unit AND m.year = k.year AND m.body = k.body;
