-- The legal-check failures of the scope in the year, from v_checks (views/06_v_checks.sql, the one
-- definition of the checks) in its copy scope_v_checks, which reads Summarize's scope_turnout
-- (figures.go, scopedSQL). Summarize puts them in report order.
-- Parameters: year, then county, township, unit ('' means all).
SELECT rule, citation, county, township, unit, year, body,
       coalesce(name, '') AS name, coalesce(position, '') AS position, message
FROM scope_v_checks
WHERE year = ?
  AND in_place(?, ?, ?, county, township, unit)
ORDER BY county, township, unit, body, rule, position, name
