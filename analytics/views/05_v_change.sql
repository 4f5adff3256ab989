-- v_change: each row of v_structure beside the same scope and body in its previous term (the latest
-- earlier year with data for that scope and body), with the changes: counts in people, shares in
-- percentage points (difference of the rounded shares), average age in years. At unit level, also the
-- head (书记/主任) of both terms and whether the head changed (same person: equal id numbers, else equal
-- names and, where both are known, equal birth dates).
CREATE OR REPLACE VIEW v_change AS
WITH h AS (
    SELECT county, township, unit, year, body,
           string_agg(name, '、' ORDER BY name) AS head_names,
           list(struct_pack(name := name, id_number := id_number, birth := birth)) AS heads
    FROM v_members WHERE is_head
    GROUP BY ALL
), w AS (
    SELECT s.*, h.head_names, h.heads,
           lag(s.year) OVER win AS previous_year,
           lag(s.members) OVER win AS previous_members,
           lag(s.women) OVER win AS previous_women,
           lag(s.women_share) OVER win AS previous_women_share,
           lag(s.party_share) OVER win AS previous_party_share,
           lag(s.average_age) OVER win AS previous_average_age,
           lag(h.head_names) OVER win AS previous_head_names,
           lag(h.heads) OVER win AS previous_heads
    FROM v_structure s
    LEFT JOIN h ON s.level = 'unit' AND h.county = s.county AND h.township = s.township
               AND h.unit = s.unit AND h.year = s.year AND h.body = s.body
    WINDOW win AS (PARTITION BY s.level, s.county, s.township, s.unit, s.body ORDER BY s.year)
)
SELECT level, county, township, unit, body, year, previous_year,
       members, previous_members, members - previous_members AS members_change,
       women, previous_women, women - previous_women AS women_change,
       women_share, previous_women_share, round(women_share - previous_women_share, 1) AS women_share_change,
       party_share, previous_party_share, round(party_share - previous_party_share, 1) AS party_share_change,
       average_age, previous_average_age, round(average_age - previous_average_age, 1) AS average_age_change,
       head_names, previous_head_names,
       CASE WHEN heads IS NULL OR previous_heads IS NULL THEN NULL
            ELSE NOT EXISTS (
                SELECT 1 FROM unnest(heads) AS c(x), unnest(previous_heads) AS p(y)
                WHERE CASE WHEN x.id_number IS NOT NULL AND y.id_number IS NOT NULL THEN x.id_number = y.id_number
                           ELSE x.name = y.name AND coalesce(x.birth = y.birth, true) END)
       END AS head_changed
FROM w;
