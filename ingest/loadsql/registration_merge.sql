-- Keep the run's 选民登记 rows and give every results row the figures of the 选民登记 row of its place
-- (registers in registers.sql) that it leaves blank, whichever was loaded first; a figure both give is the
-- same in both (registration_check.sql refused the files where it is not, and a second 选民登记 row for
-- a place). Runs inside the load's transaction, after move.sql, and before what reads the figures.
--
-- The stored 选民登记 rows the run replaces go: those of a file it supersedes (stage_superseded), and
-- those of the place, year and level of a staged row; the staged ones are kept.
DELETE FROM registrations r
WHERE r.source_file IN (SELECT source_file FROM stage_superseded)
   OR EXISTS (SELECT 1 FROM stage_registration s
              WHERE s.county = r.county AND s.township = r.township AND s.unit = r.unit AND s.year = r.year
                AND s.body IS NOT DISTINCT FROM r.body);
INSERT INTO registrations (county, township, unit, year, body, constituency_no, registered, population, adults,
        away_home, away_workplace, away_missing, incapable, suspended, deprived, registered_women,
        registered_minority, registered_migrant, source_file, source_sheet, source_row)
SELECT county, township, unit, year, body, constituency_no, registered, population, adults,
       away_home, away_workplace, away_missing, incapable, suspended, deprived, registered_women,
       registered_minority, registered_migrant, source_file, source_sheet, source_row
FROM stage_registration
ORDER BY file_id, seq;
-- A results row whose figures came from a 选民登记 row no longer there, or replaced by one of this run,
-- gives them back (registration_unfill.sql) before the rows of this run fill it again.
CREATE OR REPLACE TEMP TABLE unfill_elections AS
SELECT e.county, e.township, e.unit, e.year, e.body
FROM elections e
WHERE e.registration_fields IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM registrations r
                  WHERE r.county = e.county AND r.township = e.township AND r.unit = e.unit AND r.year = e.year
                    AND registers(r.body, e.body) AND r.source_file NOT IN (SELECT source_file FROM stage_files));
