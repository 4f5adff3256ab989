-- The deputies elected in the scope in one year, with their age at the election (age_at_election,
-- views/00_person.sql). Parameters: year, county, township ('' means all).
SELECT m.county, m.township, m.unit, m.body, m.name, m.gender,
       age_at_election(m.birth, m.id_number, m.age, coalesce(e.election_date, make_date(m.year, 12, 31))) AS age,
       coalesce(m.ethnicity, '') AS ethnicity, coalesce(m.party, '') AS party, coalesce(m.education, '') AS education,
       coalesce(m.category, '') AS category, m.reelected, m.votes, coalesce(m.id_number, '') AS id_number
FROM members m
LEFT JOIN elections e
       ON e.county = m.county AND e.township = m.township AND e.unit = m.unit AND e.year = m.year AND e.body = m.body
WHERE deputies_body(m.body) AND m.year = ?
  AND in_place(?, ?, '', m.county, m.township, m.unit)
ORDER BY body_rank(m.body), m.county, m.township, m.unit, m.name, m.person_key
