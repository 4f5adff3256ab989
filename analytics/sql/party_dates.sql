-- The first and last 选举日期 of the elections of the party bodies listed of the scope in one year ('' when
-- none was given). Parameters: the bodies (comma-separated), year, county, township ('' means all).
SELECT coalesce(strftime(min(election_date), '%Y-%m-%d'), ''), coalesce(strftime(max(election_date), '%Y-%m-%d'), '')
FROM elections
WHERE list_contains(string_split(?, ','), body) AND year = ?
  AND in_place(?, ?, '', county, township, unit)
