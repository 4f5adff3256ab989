-- name: low-turnout
-- description: 参选率（到会率）低于阈值的选举，按参选率从低到高
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- param: threshold number 参选率阈值，百分数（默认：90）
-- param: body text 选举类型，如 村民委员会（默认：全部）
-- param: township text 乡镇或街道名称（默认：全部）
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           coalesce($threshold::DOUBLE, 90) AS threshold,
           $body::VARCHAR AS body,
           $township::VARCHAR AS township
)
SELECT t.county, t.township, t.unit, t.year, t.body,
       t.registered, t.voted,
       round(t.turnout, 1) AS turnout
FROM v_turnout t, p
WHERE t.year = p.year
  AND (p.body IS NULL OR t.body = p.body)
  AND (p.township IS NULL OR t.township = p.township)
  AND t.turnout < p.threshold
ORDER BY t.turnout, t.county, t.township, t.unit, t.body
