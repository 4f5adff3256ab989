-- name: low-turnout
-- description: 参选率低于阈值的村(社区)选举, 按参选率从低到高
-- param: year integer 选举年份 (默认: 数据库中最近一届)
-- param: threshold number 参选率阈值, 百分数 (默认: 90)
-- param: body text 选举类型, 如 村民委员会 (默认: 全部)
WITH params AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           coalesce($threshold::DOUBLE, 90) AS threshold,
           $body::VARCHAR AS body
)
SELECT e.county AS 县,
       e.township AS 乡镇,
       e.unit AS 村社区,
       e.year AS 年份,
       e.body AS 选举类型,
       e.registered AS 登记选民数,
       e.voted AS 参加投票人数,
       round(100.0 * e.voted / nullif(e.registered, 0), 1) AS 参选率
FROM elections e, params p
WHERE e.year = p.year
  AND (p.body IS NULL OR e.body = p.body)
  AND e.registered > 0
  AND 100.0 * e.voted / e.registered < p.threshold
ORDER BY 参选率, e.county, e.township, e.unit, e.body
