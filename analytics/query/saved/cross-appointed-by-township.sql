-- name: cross-appointed-by-township
-- description: 各乡镇“两委”交叉任职：有交叉任职的村（社区）数及占比，交叉任职人数及占两委成员人数的比例
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- cross_units_share 的分母是两委都已选出的村(社区); cross_persons_share 的分母是两委成员人数
-- (persons, 每人只计一次), 不是职数 (positions)。
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year
)
SELECT c.county, c.township, c.year,
       count(c.cross_unit) AS units,
       count(*) FILTER (WHERE c.cross_unit) AS cross_units,
       round(count(*) FILTER (WHERE c.cross_unit) * 100.0 / nullif(count(c.cross_unit), 0), 1) AS cross_units_share,
       sum(c.positions) AS positions,
       sum(c.persons) AS persons,
       sum(c.cross_persons) AS cross_persons,
       round(sum(c.cross_persons) * 100.0 / nullif(sum(c.persons), 0), 1) AS cross_persons_share
FROM v_two_committees c, p
WHERE c.year = p.year
GROUP BY c.county, c.township, c.year
ORDER BY c.county, c.township
