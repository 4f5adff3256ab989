-- v_members: one row per elected person per body per year (the members table), with the derived
-- columns every figure uses:
--   election_date    the election's 选举日期, else 31 December of the year
--   valid_ballots    有效票数 of the ballot that elected the person: the roster's own (另行选举), else the
--                    election's results row's (for 赞成票率)
--   age_at_election  周岁 at election_date from the exact birthday (the 身份证号's, when it agrees with
--                    出生年月), else from 出生年月, else the age written on the sheet (00_person.sql)
--   person           what the identity rule same_person(a.person, b.person) reads (00_person.sql)
--   age_band         label of the cfg_age_bands row holding age_at_election (age_band_ord: its order)
--   education_bucket label of the cfg_education_buckets group of education (education_bucket_ord)
--   party_member     中共党员 or 中共预备党员
--   minority         ethnicity other than 汉族; NULL when ethnicity was not given (NULL or '')
--   is_head          the 书记 of a party body or the 主任 of a committee (body_head, analytics/domain.go)
--   kind             村 or 社区 for village and community bodies, 乡镇 for what a township 党代会 elects
--                    (乡镇党委, 乡镇纪委, 出席上级党代会代表), 选区 for deputies (body_kind)
CREATE OR REPLACE VIEW v_members AS
WITH dated AS (
    SELECT m.* EXCLUDE (valid_ballots), coalesce(m.valid_ballots, e.valid_ballots) AS valid_ballots,
           coalesce(e.election_date, make_date(m.year, 12, 31)) AS election_date,
           id_birth(m.id_number) AS id_born
    FROM members m
    LEFT JOIN elections e
           ON e.county = m.county AND e.township = m.township AND e.unit = m.unit
          AND e.year = m.year AND e.body = m.body
), born AS (
    SELECT *, exact_birth_of(birth, id_born) AS exact FROM dated
), aged AS (
    -- the *_of forms of 00_person.sql over id_born and exact, computed once per row above
    SELECT * EXCLUDE (id_born, exact),
           age_at_election_of(exact, age, election_date) AS age_at_election,
           person_of(id_number, name, birth, age, election_date, id_born, exact) AS person
    FROM born
)
SELECT a.*,
       b.label AS age_band, b.ord AS age_band_ord,
       eb.label AS education_bucket, eb.ord AS education_bucket_ord,
       coalesce(party_member(a.party), false) AS party_member,
       CASE WHEN a.ethnicity <> '' THEN a.ethnicity <> '汉族' END AS minority,
       coalesce(a.position = body_head(a.body), false) AS is_head,
       body_kind(a.body) AS kind
FROM aged a
LEFT JOIN cfg_age_bands b
       ON a.age_at_election >= b.min_age AND (b.max_age IS NULL OR a.age_at_election <= b.max_age)
LEFT JOIN cfg_education_buckets eb ON eb.education = a.education;

-- summary_members: the members the figure macros (02–08) read — every row of v_members here. Summarize
-- reads the macros in copies that read a TEMP table of the rows of its scope instead
-- (analytics/sql/scope_members.sql, analytics/figures.go: scopedSQL), so that v_members is computed
-- once per summary. The macros name summary_members, never v_members (TestFiguresReadTheScope).
CREATE OR REPLACE VIEW summary_members AS SELECT * FROM v_members;
