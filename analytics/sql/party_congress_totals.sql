-- The township party congress figures of the scope in one year, per body, from the macros
-- party_totals and party_members (views/08_v_party_congress.sql, the one definition).
-- Parameters: year, county, township ('' means all), twice.
SELECT t.*, m.* EXCLUDE (body)
FROM party_totals(party_congress_bodies(), ?, ?, ?) t
LEFT JOIN party_members(party_congress_bodies(), ?, ?, ?) m USING (body)
ORDER BY body_rank(t.body)
