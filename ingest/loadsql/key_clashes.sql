-- The same table of the same election carried by two staged files of one run: only one file may speak
-- for an election's results, and only one for its members. A results file and a members file of the
-- same elections (a CSV holds one table) do not clash.
WITH k AS (
    SELECT DISTINCT file_id, 'results' AS tab, county, township, unit, year, body FROM stage_elections
    UNION ALL
    SELECT DISTINCT file_id, 'members' AS tab, county, township, unit, year, body FROM stage_members
)
SELECT a.file_id, b.file_id, a.tab, a.county, a.township, a.unit, a.year, a.body
FROM k a
JOIN k b ON a.tab = b.tab AND a.county = b.county AND a.township = b.township AND a.unit = b.unit
        AND a.year = b.year AND a.body = b.body
WHERE a.file_id < b.file_id
ORDER BY a.file_id, b.file_id, a.tab DESC, a.county, a.township, a.unit, a.year, a.body
