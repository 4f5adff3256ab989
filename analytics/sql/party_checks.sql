-- The legal-check failures of elections of the party bodies listed in the scope in one year, from
-- legal_checks (views/06_v_checks.sql). Parameters: the bodies (comma-separated), year, county, township.
SELECT rule, citation, county, township, unit, year, body, coalesce(name, '') AS name, message
FROM legal_checks()
WHERE list_contains(string_split(?, ','), body)
  AND year = ? AND in_place(?, ?, '', county, township, unit)
ORDER BY county, township, body_rank(body), rule, unit, name
