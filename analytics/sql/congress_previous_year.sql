-- The latest year before the given one with a people's congress election in the scope (NULL when none).
-- Parameters: year, county, township, each twice ('' means all).
SELECT max(year) FROM elections
WHERE body IN ('县级人大代表', '乡级人大代表') AND year < ?
  AND (? = '' OR county = ?) AND (? = '' OR township = ?)
