-- The units of one township with data in a year, for the scope picker. Parameters: year, county ('' for
-- any), township.
SELECT DISTINCT unit
FROM elections
WHERE year = $1 AND ($2 = '' OR county = $2) AND township = $3
ORDER BY unit
