-- name: heads-changed
-- description: 带头人(书记、主任)与上届不同的村(社区)组织, 列出上届和本届带头人
-- param: year integer 选举年份 (默认: 数据库中最近的选举年份)
-- param: body text 选举类型, 如 村党组织 (默认: 全部)
-- 只列出两届都有带头人数据的组织; 只有一届数据的村(社区)不在此列。
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           $body::VARCHAR AS body
)
SELECT c.county, c.township, c.unit, c.body, c.year, c.previous_year,
       c.previous_head_names, c.head_names
FROM v_change c, p
WHERE c.level = 'unit'
  AND c.year = p.year
  AND (p.body IS NULL OR c.body = p.body)
  AND c.head_changed
ORDER BY c.county, c.township, c.unit, c.body
