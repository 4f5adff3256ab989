-- The people's congress figures of the scope in one year, per level, from the macros congress_totals and
-- congress_deputies (views/07_v_congress.sql, the one definition). Parameters: year, county, township
-- ('' means all), twice.
SELECT t.*, d.* EXCLUDE (body)
FROM congress_totals(?, ?, ?) t
LEFT JOIN congress_deputies(?, ?, ?) d USING (body)
ORDER BY body_rank(t.body)
