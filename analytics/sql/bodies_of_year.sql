-- The bodies elected in the scope in one year. Parameters: year, then county, township, unit, each
-- twice ('' means all). Kinds runs it on any connection, where a database installed by an older electsum
-- has no macro in_place (00_scope.sql): the scope is written out here.
SELECT DISTINCT body FROM (
    SELECT county, township, unit, year, body FROM elections
    UNION ALL
    SELECT county, township, unit, year, body FROM members
)
WHERE year = ? AND (? = '' OR county = ?) AND (? = '' OR township = ?) AND (? = '' OR unit = ?)
ORDER BY body
