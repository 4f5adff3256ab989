-- Every county and township with data in a year. Parameter: year.
SELECT DISTINCT county, township FROM (
    SELECT county, township FROM elections WHERE year = ?
    UNION ALL
    SELECT county, township FROM members WHERE year = ?
)
ORDER BY county, township
