-- The township party congress figures of the scope in one year, per body, from the macros
-- party_totals and party_members (views/08_v_party_congress.sql, the one definition).
-- Parameters: year, county, township ('' means all), twice.
SELECT t.*, m.* EXCLUDE (body)
FROM party_totals(['乡镇党委', '乡镇纪委', '出席上级党代会代表'], ?, ?, ?) t
LEFT JOIN party_members(['乡镇党委', '乡镇纪委', '出席上级党代会代表'], ?, ?, ?) m USING (body)
ORDER BY CASE t.body WHEN '乡镇党委' THEN 1 WHEN '乡镇纪委' THEN 2 ELSE 3 END
