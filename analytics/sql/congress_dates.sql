-- The first and last 选举日期 of the people's congress elections of the scope in one year ('' when none
-- was given). Parameters: year, county, township ('' means all).
SELECT coalesce(strftime(min(election_date), '%Y-%m-%d'), ''), coalesce(strftime(max(election_date), '%Y-%m-%d'), '')
FROM elections
WHERE deputies_body(body) AND year = ?
  AND in_place(?, ?, '', county, township, unit)
