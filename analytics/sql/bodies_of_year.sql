-- The bodies elected in the scope in one year. Parameters: year, then county, township, unit, each
-- twice ('' means all).
SELECT DISTINCT body FROM (
    SELECT county, township, unit, year, body FROM elections
    UNION ALL
    SELECT county, township, unit, year, body FROM members
)
WHERE year = ? AND (? = '' OR county = ?) AND (? = '' OR township = ?) AND (? = '' OR unit = ?)
ORDER BY body
