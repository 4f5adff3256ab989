-- The legal-check failures of people's congress elections in the scope in one year, from
-- congress_checks (views/07_v_congress.sql). Parameters: year, county, township.
SELECT rule, citation, county, township, unit, year, body, coalesce(name, '') AS name, message
FROM congress_checks()
WHERE year = ? AND in_place(?, ?, '', county, township, unit)
ORDER BY body_rank(body), rule, county, township, unit, name
