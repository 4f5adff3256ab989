-- The latest year before the given one with a township party congress election in the scope (NULL when
-- none). Parameters: the bodies (comma-separated), year, county, township, each twice ('' means all).
SELECT max(year) FROM elections
WHERE list_contains(string_split(?, ','), body) AND year < ?
  AND (? = '' OR county = ?) AND (? = '' OR township = ?)
