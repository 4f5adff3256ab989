-- Rows of earlier loads that each staged file replaces, by table: its results rows replace the results
-- of the same elections, its members the members. Runs inside the transaction, before replace.sql.
SELECT k.file_id, 'results' AS tab, count(*) AS n
FROM (SELECT DISTINCT file_id, county, township, unit, year, body FROM stage_elections) k
JOIN elections e ON e.county = k.county AND e.township = k.township AND e.unit = k.unit AND e.year = k.year AND e.body = k.body
GROUP BY ALL
UNION ALL
SELECT k.file_id, 'members' AS tab, count(*) AS n
FROM (SELECT DISTINCT file_id, county, township, unit, year, body FROM stage_members) k
JOIN members m ON m.county = k.county AND m.township = k.township AND m.unit = k.unit AND m.year = k.year AND m.body = k.body
GROUP BY ALL
ORDER BY 1, 2 DESC
