-- name: heads-changed
-- description: 带头人（书记、主任）与上届不同的村（社区）组织，列出上届和本届带头人
-- param: year integer 选举年份（默认：数据库中最近的选举年份）
-- param: body text 选举类型，如 村党组织（默认：全部）
-- The same rows as v_change's head_changed at unit level (previous term = the latest earlier year with
-- members of the same unit and body; same person = equal id numbers, else equal names and, where both
-- are known, equal birth dates), computed from v_members alone: going through v_change builds every
-- level of v_structure and takes seconds at province scale. Units with one term only are not listed.
WITH p AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM elections)) AS year,
           $body::VARCHAR AS body
), terms AS (
    SELECT county, township, unit, body, year,
           lag(year) OVER (PARTITION BY county, township, unit, body ORDER BY year) AS previous_year
    FROM (SELECT DISTINCT county, township, unit, body, year FROM members)
), cur AS (
    SELECT t.*
    FROM terms t, p
    WHERE t.year = p.year AND (p.body IS NULL OR t.body = p.body) AND t.previous_year IS NOT NULL
), heads AS (
    SELECT county, township, unit, body, year, name, id_number, birth
    FROM v_members
    WHERE is_head
), names AS (
    SELECT county, township, unit, body, year, string_agg(name, '、' ORDER BY name) AS head_names
    FROM heads
    GROUP BY ALL
), kept AS (
    SELECT DISTINCT c.county, c.township, c.unit, c.body
    FROM cur c
    JOIN heads a ON a.county = c.county AND a.township = c.township AND a.unit = c.unit
                AND a.body = c.body AND a.year = c.year
    JOIN heads b ON b.county = c.county AND b.township = c.township AND b.unit = c.unit
                AND b.body = c.body AND b.year = c.previous_year
    WHERE CASE WHEN a.id_number IS NOT NULL AND b.id_number IS NOT NULL THEN a.id_number = b.id_number
               ELSE a.name = b.name AND coalesce(a.birth = b.birth, true) END
)
SELECT c.county, c.township, c.unit, c.body, c.year, c.previous_year,
       pn.head_names AS previous_head_names, cn.head_names
FROM cur c
JOIN names cn ON cn.county = c.county AND cn.township = c.township AND cn.unit = c.unit
             AND cn.body = c.body AND cn.year = c.year
JOIN names pn ON pn.county = c.county AND pn.township = c.township AND pn.unit = c.unit
             AND pn.body = c.body AND pn.year = c.previous_year
LEFT JOIN kept k ON k.county = c.county AND k.township = c.township AND k.unit = c.unit AND k.body = c.body
WHERE k.county IS NULL
ORDER BY c.county, c.township, c.unit, c.body
