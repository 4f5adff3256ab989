-- Elections of the scope in the current and the previous year, one row per unit and body.
-- Parameters: year, previous year, then county, township, unit, each twice ('' means all).
SELECT county, township, unit, year, body, coalesce(method, '') AS method,
       registered, voted, proxy_votes, mobile_votes, valid_ballots, invalid_ballots,
       seats, candidates, elected,
       coalesce(strftime(election_date, '%Y-%m-%d'), '') AS election_date, first_round
FROM elections
WHERE year IN (?, ?)
  AND (? = '' OR county = ?) AND (? = '' OR township = ?) AND (? = '' OR unit = ?)
ORDER BY county, township, unit, year, body
