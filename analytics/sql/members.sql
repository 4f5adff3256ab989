-- Members of the scope in the current and the previous year, from v_members (views/01_v_members.sql:
-- the age at the election date, age_at_election, is defined there) as Summarize's summary_members, the
-- rows of v_members in its scope (figures.go).
-- Parameters: year, previous year, then county, township, unit, each twice ('' means all).
SELECT county, township, unit, year, body, name, position, gender,
       age_at_election,
       strftime(election_date, '%Y-%m-%d') AS election_date,
       coalesce(strftime(birth, '%Y-%m-%d'), '') AS birth, age,
       coalesce(ethnicity, '') AS ethnicity, coalesce(party, '') AS party,
       coalesce(education, '') AS education, reelected, coalesce(id_number, '') AS id_number,
       wealth_leader, graduate_official, coalesce(category, '') AS category, votes, person_key
FROM summary_members
WHERE year IN (?, ?)
  AND (? = '' OR county = ?) AND (? = '' OR township = ?) AND (? = '' OR unit = ?)
ORDER BY county, township, unit, year, body, position, name, person_key
