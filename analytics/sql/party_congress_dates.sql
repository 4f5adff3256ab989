-- The first and last 选举日期 of the township party congress elections of the scope in one year ('' when
-- none was given). Parameters: year, county, township, each twice ('' means all).
SELECT coalesce(strftime(min(election_date), '%Y-%m-%d'), ''), coalesce(strftime(max(election_date), '%Y-%m-%d'), '')
FROM elections
WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表') AND year = ?
  AND (? = '' OR county = ?) AND (? = '' OR township = ?)
