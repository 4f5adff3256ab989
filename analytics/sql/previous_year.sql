-- The latest election year before the given one with data in the scope (NULL when there is none).
-- Parameters: year, then county, township, unit, each twice ('' means all).
SELECT max(year) FROM (
    SELECT year, county, township, unit FROM elections
    UNION ALL
    SELECT year, county, township, unit FROM members
)
WHERE year < ?
  AND (? = '' OR county = ?) AND (? = '' OR township = ?) AND (? = '' OR unit = ?)
