-- The latest year before the given one with a people's congress election in the scope (NULL when none).
-- Parameters: year, county, township ('' means all).
SELECT max(year) FROM elections
WHERE deputies_body(body) AND year < ?
  AND in_place(?, ?, '', county, township, unit)
