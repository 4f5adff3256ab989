-- The counties a load wrote in a year, for the warm-up after it, with how many counties that year holds
-- in all. Parameters: year, the loaded files (source_file as ingest stored it).
SELECT DISTINCT county, (SELECT count(DISTINCT county) FROM elections WHERE year = $1) AS counties
FROM elections
WHERE year = $1 AND list_contains($2::VARCHAR[], source_file)
ORDER BY county
