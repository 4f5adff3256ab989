-- The figures of the 社区党组织 elections (by 党员大会 or 党员代表大会) of the scope in one year, from the
-- macros party_totals and party_members (views/08_v_party_congress.sql, the one definition).
-- Parameters: year, county, township ('' means all), twice.
SELECT t.*, m.* EXCLUDE (body)
FROM party_totals(['社区党组织'], ?, ?, ?) t
LEFT JOIN party_members(['社区党组织'], ?, ?, ?) m USING (body)
