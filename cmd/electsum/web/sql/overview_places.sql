-- 数据总览: townships and units per county and year.
SELECT year AS 年份, CASE WHEN county = '' THEN '(未填县名)' ELSE county END AS 县,
       count(DISTINCT township) AS 乡镇数, count(DISTINCT township || '|' || unit) AS 单位数
FROM elections
GROUP BY year, county
ORDER BY year DESC, county
