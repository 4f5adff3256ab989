-- Keep the run's 选民登记 rows and give every results row the figures of the 选民登记 row of its place
-- (registers in registers.sql) that it leaves blank, whichever was loaded first; a figure both give is the
-- same in both (registration_check.sql refused the files where it is not, and a second 选民登记 row for
-- a place). Runs inside the load's transaction, after move.sql, and before what reads the figures.
--
-- A registration_mismatch warning between the two tables on a stored row at the place of a row of this run
-- is found again, or no more, by this run's checks (registration_check.sql): the stored one goes. Such a
-- warning is on a row that does not give every figure of the check itself (a row that does has the
-- warning of its own figures, which stays).
DELETE FROM data_warnings w
WHERE w.rule = 'registration_mismatch'
  AND w.source_file NOT IN (SELECT source_file FROM stage_files)
  AND (w.county, w.township, w.unit, w.year) IN (SELECT county, township, unit, year FROM stage_registration
                                                 UNION SELECT county, township, unit, year FROM stage_elections)
  AND NOT EXISTS (SELECT 1 FROM elections e
                  WHERE e.source_file = w.source_file AND e.source_sheet = coalesce(w.sheet, '') AND e.source_row = w.row_number
                    AND list_count(list_filter([own_figure(e.registration_fields, 'adults', e.adults),
                            own_figure(e.registration_fields, 'registered', e.registered),
                            own_figure(e.registration_fields, 'away_home', e.away_home),
                            own_figure(e.registration_fields, 'away_workplace', e.away_workplace),
                            own_figure(e.registration_fields, 'away_missing', e.away_missing),
                            own_figure(e.registration_fields, 'incapable', e.incapable),
                            own_figure(e.registration_fields, 'suspended', e.suspended),
                            own_figure(e.registration_fields, 'deprived', e.deprived)], v -> v IS NOT NULL)) = 8)
  AND NOT EXISTS (SELECT 1 FROM registrations r
                  WHERE r.source_file = w.source_file AND r.source_sheet = coalesce(w.sheet, '') AND r.source_row = w.row_number
                    AND list_count(list_filter([r.adults, r.registered, r.away_home, r.away_workplace, r.away_missing,
                            r.incapable, r.suspended, r.deprived], v -> v IS NOT NULL)) = 8);
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
