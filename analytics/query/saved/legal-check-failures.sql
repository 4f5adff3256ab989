-- name: legal-check-failures
-- description: 未通过法定要求核查的选举（参选率过半、得票过半、妇女成员、到会五分之四、差额20%），附条款和数字
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- param: rule text 只看一条规则，如 vc_woman_member（默认：全部）
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           $rule::VARCHAR AS rule
)
SELECT c.county, c.township, c.unit, c.year, c.body, c.rule, c.name,
       c.figure, c.compared_with, c.message, c.citation
FROM v_checks c, p
WHERE c.year = p.year
  AND (p.rule IS NULL OR c.rule = p.rule)
ORDER BY c.county, c.township, c.unit, c.body, c.rule, c.name
