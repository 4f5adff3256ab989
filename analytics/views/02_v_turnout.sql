-- v_turnout: one row per election (unit, body, year) with its rates in percent, unrounded; NULL when a
-- figure is missing or the denominator is zero.
--   turnout       voted / registered (参选率, 到会率 for party bodies)
--   proxy_share   proxy_votes / voted;  mobile_share  mobile_votes / voted
--   margin        (candidates − seats) / seats (差额比例)
CREATE OR REPLACE VIEW v_turnout AS
SELECT county, township, unit, year, body, term, method, election_date,
       registered, voted,
       CASE WHEN registered > 0 THEN voted * 100.0 / registered END AS turnout,
       proxy_votes,
       CASE WHEN voted > 0 THEN proxy_votes * 100.0 / voted END AS proxy_share,
       mobile_votes,
       CASE WHEN voted > 0 THEN mobile_votes * 100.0 / voted END AS mobile_share,
       valid_ballots, invalid_ballots, seats, candidates, elected,
       CASE WHEN seats > 0 THEN (candidates - seats) * 100.0 / seats END AS margin,
       first_round
FROM elections;
