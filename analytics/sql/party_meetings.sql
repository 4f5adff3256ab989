-- Each election of the party bodies listed in the scope in one year, for the annex, from v_party_elections
-- (views/08_v_party_congress.sql): each body each township's 党代会 elected, or each 社区党组织 election.
-- Parameters: the bodies (comma-separated), year, county, township ('' means all).
SELECT county, township, unit, body, method, due, excused, present, quorum_met, seats, candidates, elected, valid_ballots, approval
FROM v_party_elections
WHERE list_contains(string_split(?, ','), body) AND year = ? AND in_place(?, ?, '', county, township, unit)
ORDER BY county, township, unit, body_rank(body)
