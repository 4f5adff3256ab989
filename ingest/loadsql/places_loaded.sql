-- The places the database's results rows name in the years $1 and the counties $2 (every county when $3),
-- for matchPlaces (places.go): a roster sent after its results reads its places as theirs.
SELECT DISTINCT county, township, unit, year
FROM elections
WHERE list_contains($1::INTEGER[], year) AND ($3::BOOLEAN OR list_contains($2::VARCHAR[], county))
ORDER BY ALL
