-- 数据总览: what the database holds per election year and body.
WITH e AS (
    SELECT year, body, count(DISTINCT county) AS counties,
           count(DISTINCT county || '|' || township) AS townships, count(*) AS units
    FROM elections GROUP BY year, body
), m AS (
    SELECT year, body, count(*) AS members FROM members GROUP BY year, body
)
SELECT e.year AS 年份, e.body AS 选举类型, e.counties AS 县数, e.townships AS 乡镇数, e.units AS 单位数,
       coalesce(m.members, 0) AS 当选人数
FROM e LEFT JOIN m USING (year, body)
ORDER BY e.year DESC, e.body
