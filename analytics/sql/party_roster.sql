-- Those elected to the party bodies listed in the scope in one year, with their age at the election and the valid
-- ballots of the ballot that elected them (their own when the roster gives it, else their election's; for each
-- one's 赞成票率). Parameters: the bodies (comma-separated), year, county, township.
SELECT m.county, m.township, m.unit, m.body, m.name, m.position, m.gender, m.age_at_election,
       coalesce(m.ethnicity, '') AS ethnicity, coalesce(m.party, '') AS party, coalesce(m.education, '') AS education,
       m.reelected, m.votes, m.valid_ballots, coalesce(m.id_number, '') AS id_number
FROM v_members m
WHERE list_contains(string_split(?, ','), m.body) AND m.year = ?
  AND in_place(?, ?, '', m.county, m.township, m.unit)
ORDER BY m.county, m.township, body_rank(m.body),  m.unit,
         CASE m.position WHEN '书记' THEN 1 WHEN '副书记' THEN 2 ELSE 3 END, m.name, m.person_key
