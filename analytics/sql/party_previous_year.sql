-- The latest year before the given one with a township party congress election in the scope (NULL when
-- none). Parameters: the bodies (comma-separated), year, county, township ('' means all).
SELECT max(year) FROM elections
WHERE list_contains(string_split(?, ','), body) AND year < ?
  AND in_place(?, ?, '', county, township, unit)
