-- v_change: each row of v_structure beside the same scope and body in its previous term (the latest
-- earlier year with data for that scope and body), with the changes: counts in people, shares in
-- percentage points (difference of the rounded shares), average age in years. At unit level, also the
-- head (书记/主任) of both terms and whether the head changed (same person by same_person, 00_person.sql).
-- head_changes(this_year, previous_year, in_county, in_township, in_unit)  per unit of the scope (''
-- means all) and body with a head (is_head) in both years: whether none of this year's heads was a head
-- the previous year (head_terms, 04_v_structure.sql: same_person). NULL years: each year with heads
-- against the unit's latest earlier year with heads. Summarize counts HeadsChanged with it
-- (heads_changed_figures), v_change shows it per unit.
CREATE OR REPLACE MACRO head_changes(this_year, previous_year, in_county, in_township, in_unit) AS TABLE
SELECT county, township, unit, body, year, prior_year AS previous_year,
       NOT bool_or(reelected) AS head_changed
FROM head_terms(this_year, previous_year, in_county, in_township, in_unit)
WHERE reelected IS NOT NULL
GROUP BY ALL;

-- heads_changed_figures(this_year, previous_year, in_county, in_township, in_unit, by_levels)  per body
-- and part of the scope at each level of by_levels (as in participation_figures): compared_units, the
-- units with a head in both years, and changed_units, those whose head changed (head_changes).
CREATE OR REPLACE MACRO heads_changed_figures(this_year, previous_year, in_county, in_township, in_unit, by_levels) AS TABLE
SELECT l.level,
       part_name(l.level, 1, county) AS county,
       part_name(l.level, 2, township) AS township,
       part_name(l.level, 3, unit) AS unit,
       body,
       count(*) AS compared_units,
       count(*) FILTER (WHERE head_changed) AS changed_units
FROM head_changes(this_year, previous_year, in_county, in_township, in_unit), unnest(by_levels) AS l(level)
GROUP BY ALL;

CREATE OR REPLACE VIEW v_change AS
WITH h AS (
    SELECT county, township, unit, year, body,
           string_agg(name, '、' ORDER BY name) AS head_names
    FROM summary_members WHERE is_head
    GROUP BY ALL
), hp AS (
    SELECT * FROM head_changes(NULL, NULL, '', '', '')
), w AS (
    SELECT s.*, h.head_names,
           lag(s.year) OVER win AS previous_year,
           lag(s.members) OVER win AS previous_members,
           lag(s.women) OVER win AS previous_women,
           lag(s.women_share) OVER win AS previous_women_share,
           lag(s.party_share) OVER win AS previous_party_share,
           lag(s.average_age) OVER win AS previous_average_age,
           lag(h.head_names) OVER win AS previous_head_names
    FROM v_structure s
    LEFT JOIN h ON h.county = s.county AND h.township = s.township
               AND h.unit = s.unit AND h.year = s.year AND h.body = s.body
    WINDOW win AS (PARTITION BY s.level, s.county, s.township, s.unit, s.body ORDER BY s.year)
)
SELECT w.level, w.county, w.township, w.unit, w.body, w.year, w.previous_year,
       members, previous_members, members - previous_members AS members_change,
       women, previous_women, women - previous_women AS women_change,
       women_share, previous_women_share, round(women_share - previous_women_share, 1) AS women_share_change,
       party_share, previous_party_share, round(party_share - previous_party_share, 1) AS party_share_change,
       average_age, previous_average_age, round(average_age - previous_average_age, 1) AS average_age_change,
       head_names, previous_head_names,
       CASE WHEN w.head_names IS NULL OR w.previous_head_names IS NULL THEN NULL
            ELSE hp.head_changed END AS head_changed
FROM w
LEFT JOIN hp ON hp.county = w.county AND hp.township = w.township AND hp.unit = w.unit
            AND hp.body = w.body AND hp.year = w.year AND hp.previous_year = w.previous_year;
