-- Members of the scope in the current and the previous year, from Summarize's scope_members (the
-- rows of v_members in its scope, sql/scope_members.sql; the age at the election date,
-- age_at_election, is defined in views/01_v_members.sql): the columns of the roster and of the units
-- and bodies the summary lists.
-- Parameters: year, previous year, then county, township, unit ('' means all).
SELECT county, township, unit, year, body, name, position, gender,
       age_at_election,
       coalesce(ethnicity, '') AS ethnicity, coalesce(party, '') AS party,
       coalesce(education, '') AS education, reelected, coalesce(id_number, '') AS id_number
FROM scope_members
WHERE year IN (?, ?)
  AND in_place(?, ?, ?, county, township, unit)
ORDER BY county, township, unit, year, body, position, name, person_key
