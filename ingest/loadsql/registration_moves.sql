-- The stored 选民登记 rows still waiting for their results — no results row names their place, neither a
-- stored one nor one of the run — in the counties and years of the run's results rows (results false),
-- and the places those results rows name there (results true): moveWaitingRegistrations reads a waiting
-- row's place as the results' when they write it another way (第1选区 for 第一选区), as a 选民登记 row of the
-- run is read (matchPlaces). Rows of a file the run supersedes are not read: they go.
SELECT DISTINCT false AS results, r.county, r.township, r.unit, r.year
FROM registrations r
WHERE (r.county, r.year) IN (SELECT county, year FROM stage_elections)
  AND r.source_file NOT IN (SELECT source_file FROM stage_superseded)
  AND NOT EXISTS (SELECT 1 FROM elections e
                  WHERE e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year)
  AND NOT EXISTS (SELECT 1 FROM stage_elections e
                  WHERE e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year)
UNION ALL
SELECT DISTINCT true, county, township, unit, year
FROM stage_elections
WHERE (county, year) IN (SELECT county, year FROM registrations)
ORDER BY ALL
