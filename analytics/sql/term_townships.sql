-- The townships holding each body's elections or members in the scope in one year, for
-- oneTermTownships (terms.go): a body's two terms are compared only where they hold the same
-- townships. Parameters: year, county, township ('' means all).
WITH s AS (SELECT ?::INTEGER AS year, ?::VARCHAR AS county, ?::VARCHAR AS township)
SELECT DISTINCT t.body, t.county, t.township
FROM (
    SELECT body, county, township, year FROM elections
    UNION ALL
    SELECT body, county, township, year FROM members
) t, s
WHERE t.year = s.year AND in_place(s.county, s.township, '', t.county, t.township, '')
