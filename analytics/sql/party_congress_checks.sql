-- The legal-check failures of township party congress elections in the scope in one year, from
-- legal_checks (views/06_v_checks.sql). Parameters: year, county, township, each twice.
SELECT rule, citation, county, township, unit, year, body, coalesce(name, '') AS name, message
FROM legal_checks()
WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表')
  AND year = ? AND (? = '' OR county = ?) AND (? = '' OR township = ?)
ORDER BY county, township, CASE body WHEN '乡镇党委' THEN 1 WHEN '乡镇纪委' THEN 2 ELSE 3 END, rule, unit, name
