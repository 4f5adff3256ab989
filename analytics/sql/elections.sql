-- Elections of the scope in the current and the previous year, one row per unit and body, with the
-- rates of v_turnout (views/02_v_turnout.sql, the one definition of turnout and margin; unrounded),
-- from Summarize's scope_turnout (its rows of the scope and the two years; figures.go, scopeTurnout).
-- Parameters: year, previous year, then county, township, unit ('' means all).
SELECT county, township, unit, year, body, coalesce(method, '') AS method,
       registered, voted, proxy_votes, mobile_votes, valid_ballots, invalid_ballots,
       seats, candidates, elected,
       coalesce(strftime(election_date, '%Y-%m-%d'), '') AS election_date, first_round,
       turnout, margin, representatives
FROM scope_turnout
WHERE year IN (?, ?)
  AND in_place(?, ?, ?, county, township, unit)
ORDER BY county, township, unit, year, body
