-- name: oldest-committees
-- description: 成员平均年龄最大的班子（村、社区的各类组织），从大到小
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- param: body text 选举类型，如 村民委员会（默认：全部）
-- param: top integer 列出前几个班子（默认：20）
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           $body::VARCHAR AS body,
           coalesce($top::INTEGER, 20) AS top
), c AS (
    SELECT m.county, m.township, m.unit, m.year, m.body,
           count(*) AS members,
           count(m.age_at_election) AS age_known,
           round(avg(m.age_at_election), 1) AS average_age,
           max(m.age_at_election) AS oldest,
           min(m.age_at_election) AS youngest
    FROM v_members m, p
    WHERE m.year = p.year
      AND (p.body IS NULL OR m.body = p.body)
      AND m.kind IN ('村', '社区')
    GROUP BY ALL
    HAVING count(m.age_at_election) > 0
)
SELECT c.*
FROM c, p
QUALIFY row_number() OVER (ORDER BY c.average_age DESC, c.county, c.township, c.unit, c.body) <= p.top
ORDER BY c.average_age DESC, c.county, c.township, c.unit, c.body
