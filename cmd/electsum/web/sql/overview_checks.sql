-- 数据总览: the legal checks (v_checks) that fail, each linked to its unit on the 统计 page.
SELECT year, rule, citation, county, township, unit, body, coalesce(name, '') AS name, message
FROM v_checks
ORDER BY year DESC, county, township, unit, body, rule, name
LIMIT 1000
