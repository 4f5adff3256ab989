-- The rows of earlier loads that the run's 选民登记 and results rows are checked against, of the townships
-- and years of the run's rows, once stage_superseded is filled (findSuperseded): the stored 选民登记 rows
-- the run leaves in place — not of a file it supersedes, nor of the place, year and level of a staged
-- 选民登记 row, which replaces them — and the stored results rows it leaves in place of the townships and
-- years of its 选民登记 rows, with their own figures: those a 选民登记 row gave (registration_fields) are
-- left out, as the row that gave them is checked again or replaced. A stored 选民登记 row the run's results
-- name another way is read at their place (stage_registration_moves). Executed one statement at a time.
DELETE FROM stored_registrations;
DELETE FROM stored_elections;
INSERT INTO stored_registrations
SELECT r.county, r.township, r.unit, r.year, r.body, r.constituency_no, r.registered, r.population, r.adults,
       r.away_home, r.away_workplace, r.away_missing, r.incapable, r.suspended, r.deprived, r.registered_women,
       r.registered_minority, r.registered_migrant, r.source_file, r.source_sheet, r.source_row
FROM (SELECT r.* REPLACE (coalesce(m.to_township, r.township) AS township, coalesce(m.to_unit, r.unit) AS unit)
      FROM registrations r
      LEFT JOIN stage_registration_moves m
          ON m.county = r.county AND m.township = r.township AND m.unit = r.unit AND m.year = r.year) r
WHERE (r.county, r.township, r.year) IN (SELECT county, township, year FROM stage_elections
                                         UNION SELECT county, township, year FROM stage_registration)
  AND r.source_file NOT IN (SELECT source_file FROM stage_superseded)
  AND NOT EXISTS (SELECT 1 FROM stage_registration s
                  WHERE s.county = r.county AND s.township = r.township AND s.unit = r.unit AND s.year = r.year
                    AND s.body IS NOT DISTINCT FROM r.body);
INSERT INTO stored_elections
SELECT e.county, e.township, e.unit, e.year, e.body,
       own_figure(e.registration_fields, 'registered', e.registered), own_figure(e.registration_fields, 'population', e.population),
       own_figure(e.registration_fields, 'adults', e.adults), own_figure(e.registration_fields, 'away_home', e.away_home),
       own_figure(e.registration_fields, 'away_workplace', e.away_workplace), own_figure(e.registration_fields, 'away_missing', e.away_missing),
       own_figure(e.registration_fields, 'incapable', e.incapable), own_figure(e.registration_fields, 'suspended', e.suspended),
       own_figure(e.registration_fields, 'deprived', e.deprived), own_figure(e.registration_fields, 'registered_women', e.registered_women),
       own_figure(e.registration_fields, 'registered_minority', e.registered_minority),
       own_figure(e.registration_fields, 'registered_migrant', e.registered_migrant), e.voted,
       e.source_file, e.source_sheet, e.source_row
FROM elections e
WHERE (e.county, e.township, e.year) IN (SELECT county, township, year FROM stage_registration)
  AND e.source_file NOT IN (SELECT source_file FROM stage_superseded)
  AND NOT EXISTS (SELECT 1 FROM stage_elections s
                  WHERE s.county = e.county AND s.township = e.township AND s.unit = e.unit AND s.year = e.year
                    AND s.body = e.body);
