-- The township party congress figures of the scope in one year, per body, from the macros
-- party_congress_totals and party_congress_members (views/08_v_party_congress.sql, the one definition).
-- Parameters: year, county, township ('' means all), twice.
SELECT t.*, m.* EXCLUDE (body)
FROM party_congress_totals(?, ?, ?) t
LEFT JOIN party_congress_members(?, ?, ?) m USING (body)
ORDER BY CASE t.body WHEN '乡镇党委' THEN 1 WHEN '乡镇纪委' THEN 2 ELSE 3 END
