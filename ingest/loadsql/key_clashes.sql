-- Elections covered by two staged files of the same run: only one file may speak for an election.
WITH k AS (
    SELECT DISTINCT file_id, county, township, unit, year, body FROM stage_elections
    UNION
    SELECT DISTINCT file_id, county, township, unit, year, body FROM stage_members
)
SELECT a.file_id, b.file_id, a.county, a.township, a.unit, a.year, a.body
FROM k a
JOIN k b ON a.county = b.county AND a.township = b.township AND a.unit = b.unit AND a.year = b.year AND a.body = b.body
WHERE a.file_id < b.file_id
ORDER BY a.file_id, b.file_id, a.county, a.township, a.unit, a.year, a.body
