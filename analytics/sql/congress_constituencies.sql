-- Every 选区 of the scope in one year, from v_congress (views/07_v_congress.sql). Parameters: year,
-- county, township ('' means all).
SELECT county, township, unit, coalesce(constituency_no, '') AS constituency_no, body,
       population, adults, away_home, away_workplace, away_missing, incapable, suspended, deprived,
       registered, registered_women, registered_minority, registered_migrant,
       voted, in_person_votes, mobile_votes, proxy_votes, valid_ballots, invalid_ballots,
       seats, candidates, nominated_by_parties, nominated_by_voters, elected, coalesce(round, '') AS round
FROM v_congress
WHERE year = ? AND in_place(?, ?, '', county, township, unit)
ORDER BY body_rank(body), county, township,
         try_cast(regexp_extract(constituency_no, '\d+') AS INTEGER) NULLS LAST, constituency_no, unit
