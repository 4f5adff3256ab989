-- The latest election year before the given one with 村(社区)“两委” data in the scope (NULL when there is
-- none); people's congress and township party congress elections have their own
-- (congress_previous_year.sql, party_congress_previous_year.sql).
-- Parameters: year, then county, township, unit ('' means all).
SELECT max(year) FROM (
    SELECT year, county, township, unit, body FROM elections
    UNION ALL
    SELECT year, county, township, unit, body FROM members
)
WHERE NOT deputies_body(body) AND NOT party_congress_body(body) AND year < ?
  AND in_place(?, ?, ?, county, township, unit)
