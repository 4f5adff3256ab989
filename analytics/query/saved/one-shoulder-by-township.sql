-- name: one-shoulder-by-township
-- description: 各乡镇“一肩挑”（党组织书记兼村（居）委会主任）的村（社区）数和占比
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- 占比的分母是两委都已选出的村(社区) (units); 只选出一个组织的不计入。
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year
)
SELECT c.county, c.township, c.year,
       count(c.one_shoulder) AS units,
       count(*) FILTER (WHERE c.one_shoulder) AS one_shoulder,
       round(count(*) FILTER (WHERE c.one_shoulder) * 100.0 / nullif(count(c.one_shoulder), 0), 1) AS one_shoulder_share
FROM v_two_committees c, p
WHERE c.year = p.year
GROUP BY c.county, c.township, c.year
ORDER BY c.county, c.township
