-- Member structure, defined once: the table macro structure_figures counts a set of people (a body's
-- members, its heads, its new heads, the distinct people of the 两委) per part of a scope; v_structure
-- shows those counts with their shares to analysts at every level. Summarize reads structure_figures
-- (as a TEMP macro on its own connection, with the age bands and education groups of its options;
-- analytics/figures.go); Go only turns the counts into shares by the rounding policy and puts the
-- previous term beside the current one.

-- average_tenths(total, n)  total ÷ n rounded half up to one decimal in exact integer arithmetic
-- (electsum.Round of the mean, for total ≥ 0); NULL when n is not positive.
CREATE OR REPLACE MACRO average_tenths(total, n) AS
    CASE WHEN n > 0 THEN ((20 * total + n) // (2 * n)) / 10 END;

-- share_percent(part, whole)  100 × part ÷ whole rounded half up to one decimal in exact integer
-- arithmetic (electsum.Round of the ratio, for part ≥ 0); NULL when whole is not positive.
CREATE OR REPLACE MACRO share_percent(part, whole) AS
    CASE WHEN whole > 0 THEN ((2000 * part + whole) // (2 * whole)) / 10 END;

-- head_terms(first_year, second_year, in_county, in_township, in_unit)  the heads (is_head) of v_members
-- of the years and scope (as structure_people), each with prior_year, the latest earlier of those
-- years in which the unit's body had a head, and reelected: whether the same person (same_person,
-- 00_person.sql) was a head of that body in that unit then — 连任 and 新任 书记/主任 by the identity rule,
-- not the sheet's 是否连任 (which says re-elected to the body, a separate figure). NULL without an
-- earlier head to compare with. head_changes (05_v_change.sql) reads it too.
CREATE OR REPLACE MACRO head_terms(first_year, second_year, in_county, in_township, in_unit) AS TABLE
WITH h AS (
    SELECT * FROM summary_members
    WHERE is_head AND in_scope(first_year, second_year, in_county, in_township, in_unit, year, county, township, unit)
), terms AS (
    SELECT county, township, unit, body, year,
           lag(year) OVER (PARTITION BY county, township, unit, body ORDER BY year) AS prior_year
    FROM (SELECT DISTINCT county, township, unit, body, year FROM h)
), c AS MATERIALIZED (
    -- head_row names each head for the join below (a join, not a correlated EXISTS: the planner
    -- decorrelates that into a far costlier plan)
    SELECT h.*, t.prior_year, row_number() OVER () AS head_row
    FROM h JOIN terms t USING (county, township, unit, body, year)
), again AS (
    SELECT c.head_row
    FROM c JOIN h p
      ON p.county = c.county AND p.township = c.township AND p.unit = c.unit
     AND p.body = c.body AND p.year = c.prior_year
    WHERE same_person(p.person, c.person)
)
SELECT c.* EXCLUDE (reelected, prior_year, head_row), c.prior_year,
       CASE WHEN c.prior_year IS NOT NULL THEN c.head_row IN (SELECT head_row FROM again) END AS reelected
FROM c;

-- structure_people(first_year, second_year, in_county, in_township, in_unit)  the rows of v_members
-- of the years first_year and second_year (NULL: every year) in the scope ('' means all; in_scope,
-- 00_scope.sql), each in the sets it belongs to (member_set):
--   members         everyone elected to the body
--   heads           the body's 书记 / 主任 (is_head); their reelected is head_terms' (the same person
--                   was the head last term), not the sheet's
--   new_heads       heads who were not the head last term (head_terms)
--   two_committees  the distinct people of a unit's 两委 (body is then the kind, 村 or 社区): everyone on
--                   the party body, and the committee members who are not also on it (not crossed in
--                   two_committee_members, 03_v_two_committees.sql: same_person)
CREATE OR REPLACE MACRO structure_people(first_year, second_year, in_county, in_township, in_unit) AS TABLE
WITH m AS (
    SELECT * FROM summary_members
    WHERE in_scope(first_year, second_year, in_county, in_township, in_unit, year, county, township, unit)
), heads AS (
    SELECT * FROM head_terms(first_year, second_year, in_county, in_township, in_unit)
)
SELECT 'members' AS member_set, * FROM m
UNION ALL BY NAME
SELECT 'heads' AS member_set, * EXCLUDE (prior_year) FROM heads
UNION ALL BY NAME
SELECT 'new_heads' AS member_set, * EXCLUDE (prior_year) FROM heads WHERE NOT reelected
UNION ALL BY NAME
SELECT 'two_committees' AS member_set, t.* EXCLUDE (kind, on_party_body, crossed, shoulder) REPLACE (t.kind AS body)
FROM two_committee_members(first_year, second_year, in_county, in_township, in_unit) t
WHERE NOT t.crossed;

-- structure_figures(first_year, second_year, in_county, in_township, in_unit, by_levels)  counts each
-- set of structure_people per part, year and body, at each level of by_levels (the column level;
-- part_name, 00_scope.sql). Optional columns count over the rows that filled
-- them (*_known); ages over the people whose age is known.
--   members                                    people in the set
--   women                                      gender 女
--   party_known, party_members                 政治面貌 given; 中共党员 or 中共预备党员
--   ethnicity_known, minorities                民族 given; other than 汉族 (v_members.minority)
--   reelected_known, reelected, new            连任 given; 连任 = 是; 连任 = 否
--   wealth_leader_known, wealth_leaders        致富带头人 given; 是
--   graduate_official_known, graduate_officials 大学生村官 given; 是
--   age_known, age_sum                         age_at_election known; their sum
--   age_bands, education                       MAP label → people, per age band / education group
--   categories, positions                      MAP label → people, per 代表构成 / 职务 given
--   education_known, high_school_up            学历 given (a value or a range: education_known,
--                                              analytics/domain.go); 高中（中专）以上 (高中, 中专 and higher,
--                                              or a range of them: education_high_school_up; the seed
--                                              summaries' figure, whatever the configured groups)
--   women_positions                            MAP label → women, per 职务 given
CREATE OR REPLACE MACRO structure_figures(first_year, second_year, in_county, in_township, in_unit, by_levels) AS TABLE
SELECT l.level, member_set,
       part_name(l.level, 1, county) AS county,
       part_name(l.level, 2, township) AS township,
       part_name(l.level, 3, unit) AS unit,
       year, body,
       count(*) AS members,
       count(*) FILTER (WHERE gender = '女') AS women,
       count(*) FILTER (WHERE party <> '') AS party_known,
       count(*) FILTER (WHERE party_member) AS party_members,
       count(minority) AS ethnicity_known,
       count(*) FILTER (WHERE minority) AS minorities,
       count(reelected) AS reelected_known,
       count(*) FILTER (WHERE reelected) AS reelected,
       count(*) FILTER (WHERE NOT reelected) AS new,
       count(wealth_leader) AS wealth_leader_known,
       count(*) FILTER (WHERE wealth_leader) AS wealth_leaders,
       count(graduate_official) AS graduate_official_known,
       count(*) FILTER (WHERE graduate_official) AS graduate_officials,
       count(age_at_election) AS age_known,
       coalesce(sum(age_at_election), 0)::BIGINT AS age_sum,
       coalesce(histogram(age_band), MAP {}) AS age_bands,
       coalesce(histogram(education_bucket), MAP {}) AS education,
       coalesce(histogram(nullif(category, '')), MAP {}) AS categories,
       coalesce(histogram(nullif(position, '')), MAP {}) AS positions,
       count(*) FILTER (WHERE education_known(education)) AS education_known,
       count(*) FILTER (WHERE education_high_school_up(education)) AS high_school_up,
       coalesce(histogram(nullif(position, '')) FILTER (WHERE gender = '女'), MAP {}) AS women_positions
FROM structure_people(first_year, second_year, in_county, in_township, in_unit), unnest(by_levels) AS l(level)
GROUP BY ALL;

-- v_structure: structure_figures of each body's members at three levels (level = 'unit', 'township',
-- 'county'; township and unit are NULL above their level), every year, with the shares in percent
-- (share_percent: rounded half up to one decimal; NULL when the denominator is zero), the average age
-- (one decimal) and the heads. The age bands and education groups are those of cfg_age_bands and
-- cfg_education_buckets.
CREATE OR REPLACE VIEW v_structure AS
WITH s AS (
    SELECT * FROM structure_figures(NULL, NULL, '', '', '', ['county', 'township', 'unit'])
), heads AS (
    SELECT level, county, township, unit, year, body, members AS heads FROM s WHERE member_set = 'heads'
)
SELECT s.level, s.county,
       CASE WHEN s.level IN ('township', 'unit') THEN s.township END AS township,
       CASE WHEN s.level = 'unit' THEN s.unit END AS unit,
       s.year, s.body,
       s.* EXCLUDE (level, member_set, county, township, unit, year, body),
       average_tenths(age_sum, age_known) AS average_age,
       coalesce(heads.heads, 0) AS heads,
       share_percent(women, members) AS women_share,
       share_percent(party_members, party_known) AS party_share,
       share_percent(minorities, ethnicity_known) AS minority_share,
       share_percent(reelected, reelected_known) AS reelected_share
FROM s
LEFT JOIN heads USING (level, county, township, unit, year, body)
WHERE s.member_set = 'members';
