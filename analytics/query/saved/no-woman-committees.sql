-- name: no-woman-committees
-- description: 村民委员会（居民委员会）成员中没有妇女的村（社区）
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- param: township text 乡镇或街道名称（默认：全部）
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           $township::VARCHAR AS township
)
SELECT c.county, c.township, c.unit, c.year, c.kind,
       c.committee_members, c.committee_women
FROM v_two_committees c, p
WHERE c.year = p.year
  AND (p.township IS NULL OR c.township = p.township)
  AND c.committee_members > 0
  AND c.committee_women = 0
ORDER BY c.county, c.township, c.unit
