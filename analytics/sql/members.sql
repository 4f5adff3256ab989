-- Members of the scope in the current and the previous year, with their age at the election date
-- (the election's 选举日期, else 31 December of the year) by the macro age_at_election
-- (views/00_person.sql), which also defines v_members.age_at_election.
-- Parameters: year, previous year, then county, township, unit, each twice ('' means all).
WITH m AS (
    SELECT m.*, coalesce(e.election_date, make_date(m.year, 12, 31)) AS election_date
    FROM members m
    LEFT JOIN elections e
           ON e.county = m.county AND e.township = m.township AND e.unit = m.unit
          AND e.year = m.year AND e.body = m.body
    WHERE m.year IN (?, ?)
      AND (? = '' OR m.county = ?) AND (? = '' OR m.township = ?) AND (? = '' OR m.unit = ?)
)
SELECT county, township, unit, year, body, name, position, gender,
       age_at_election(birth, id_number, age, election_date) AS age_at_election,
       strftime(election_date, '%Y-%m-%d') AS election_date,
       coalesce(strftime(birth, '%Y-%m-%d'), '') AS birth, age,
       coalesce(ethnicity, '') AS ethnicity, coalesce(party, '') AS party,
       coalesce(education, '') AS education, reelected, coalesce(id_number, '') AS id_number,
       wealth_leader, graduate_official, coalesce(category, '') AS category, votes, person_key
FROM m
ORDER BY county, township, unit, year, body, position, name, person_key
