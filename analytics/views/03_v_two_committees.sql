-- v_two_committees: one row per unit and year whose 两委 elected anyone: 村 (村党组织 + 村民委员会) or
-- 社区 (社区党组织 + 居民委员会).
--   positions            职数: members of both bodies; a person on both counts twice
--   cross_persons        people on both bodies (交叉任职)
--   persons              人数: distinct people = positions − cross_persons
--   one_shoulder         the party body's 书记 is the committee's 主任 (一肩挑); NULL unless both bodies elected
--   cross_unit           at least one cross person; NULL unless both bodies elected
--   committee_members, committee_women   of the 村民委员会 / 居民委员会
-- Two rows are the same person by the one identity rule, same_person (00_person.sql, electsum.SamePerson).
-- The 两委 of each kind of unit are two_committee_pairs() (analytics/domain.go, from electsum.Pairs).

-- two_committee_members(first_year, second_year, in_county, in_township, in_unit)  the members of the
-- bodies of each unit's 两委 (rows of summary_members) of the years first_year and second_year (NULL: every
-- year) in the scope ('' means all), each with its kind (村, 社区), on_party_body (a member of the party
-- body, else of the committee), and for a committee member crossed — the same person (same_person) is on
-- the unit's party body that year (交叉任职) — and shoulder — as its 书记 while 主任 of the committee
-- (一肩挑: the head, is_head, of both); both false for a party member. The one pairing of the two bodies: two_committee_units and the
-- set two_committees of structure_people (04_v_structure.sql) read it. The scope is applied to the
-- members before the 两委 are paired, so that a county's figures never pair the people of the whole
-- database.
CREATE OR REPLACE MACRO two_committee_members(first_year, second_year, in_county, in_township, in_unit) AS TABLE
WITH both_bodies AS MATERIALIZED (
    -- member_row names each member for the join below
    SELECT m.*, k.kind, m.body = k.party_body AS on_party_body, row_number() OVER () AS member_row
    FROM summary_members m JOIN two_committee_pairs() k ON m.body = k.party_body OR m.body = k.committee_body
    WHERE in_scope(first_year, second_year, in_county, in_township, in_unit, m.year, m.county, m.township, m.unit)
), crossed AS (
    SELECT c.member_row, bool_or(p.is_head AND c.is_head) AS shoulder
    FROM both_bodies c JOIN both_bodies p
      ON p.county = c.county AND p.township = c.township AND p.unit = c.unit
     AND p.year = c.year AND p.kind = c.kind AND p.on_party_body AND NOT c.on_party_body
     AND same_person(p.person, c.person)
    GROUP BY ALL
)
SELECT b.* EXCLUDE (member_row), x.member_row IS NOT NULL AS crossed, coalesce(x.shoulder, false) AS shoulder
FROM both_bodies b
LEFT JOIN crossed x USING (member_row);

-- two_committee_units(first_year, second_year, in_county, in_township, in_unit)  the rows of
-- v_two_committees of the years first_year and second_year (NULL: every year) in the scope ('' means
-- all), counted from two_committee_members.
CREATE OR REPLACE MACRO two_committee_units(first_year, second_year, in_county, in_township, in_unit) AS TABLE
WITH w AS (
    SELECT * FROM two_committee_members(first_year, second_year, in_county, in_township, in_unit)
), counted AS (
    -- the members of each body of a unit's 两委 (committee_women NULL without a committee member)
    SELECT county, township, unit, year, kind,
           count(*) FILTER (WHERE on_party_body) AS party_members,
           count(*) FILTER (WHERE NOT on_party_body) AS committee_members,
           count(*) FILTER (WHERE NOT on_party_body AND gender = '女') AS committee_women
    FROM w
    GROUP BY ALL
), xc AS (
    -- the committee's people also on the party body
    SELECT county, township, unit, year, kind, count(*) AS cross_persons, bool_or(shoulder) AS one_shoulder
    FROM (SELECT county, township, unit, year, kind, person_key, bool_or(shoulder) AS shoulder
          FROM w WHERE crossed GROUP BY ALL)
    GROUP BY ALL
)
SELECT n.county, n.township, n.unit, n.year, n.kind,
       n.party_members, n.committee_members,
       n.party_members + n.committee_members AS positions,
       coalesce(xc.cross_persons, 0) AS cross_persons,
       n.party_members + n.committee_members - coalesce(xc.cross_persons, 0) AS persons,
       CASE WHEN n.party_members > 0 AND n.committee_members > 0 THEN coalesce(xc.one_shoulder, false) END AS one_shoulder,
       CASE WHEN n.party_members > 0 AND n.committee_members > 0 THEN coalesce(xc.cross_persons, 0) > 0 END AS cross_unit,
       CASE WHEN n.committee_members > 0 THEN n.committee_women END AS committee_women
FROM counted n
LEFT JOIN xc USING (county, township, unit, year, kind);

CREATE OR REPLACE VIEW v_two_committees AS
SELECT * FROM two_committee_units(NULL, NULL, '', '', '');

-- two_committee_figures(first_year, second_year, in_county, in_township, in_unit, by_levels)  sums
-- v_two_committees over the units of the years first_year and second_year (NULL: every year) in the
-- scope ('' means all) per year and kind and per part of the scope at each level of by_levels (as in
-- participation_figures, views/02_v_turnout.sql).
--   positions, cross_persons     sums of the units' 职数 and 交叉任职 people
--   both_units                   units that elected both bodies
--   one_shoulder, cross_units    of them, units with 一肩挑 / with a person on both bodies
--   committee_units              units that elected the committee
--   no_woman                     JSON list of {county, township, unit}: of them, the committees without
--                                a woman, in unit order
CREATE OR REPLACE MACRO two_committee_figures(first_year, second_year, in_county, in_township, in_unit, by_levels) AS TABLE
SELECT l.level,
       part_name(l.level, 1, county) AS county,
       part_name(l.level, 2, township) AS township,
       part_name(l.level, 3, unit) AS unit,
       year, kind,
       sum(positions)::BIGINT AS positions,
       sum(cross_persons)::BIGINT AS cross_persons,
       count(one_shoulder) AS both_units,
       count(*) FILTER (WHERE one_shoulder) AS one_shoulder,
       count(*) FILTER (WHERE cross_unit) AS cross_units,
       count(*) FILTER (WHERE committee_members > 0) AS committee_units,
       -- in unit order: list_sort sorts the structs by their fields in order
       coalesce(to_json(list_sort(list({'county': county, 'township': township, 'unit': unit})
                                  FILTER (WHERE committee_members > 0 AND committee_women = 0)))::VARCHAR, '[]') AS no_woman
FROM two_committee_units(first_year, second_year, in_county, in_township, in_unit), unnest(by_levels) AS l(level)
GROUP BY ALL;
