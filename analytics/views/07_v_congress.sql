-- People's congress elections (县级/乡级人大代表), defined once: the macros below give the figures of
-- 人大换届 summaries (Congress in analytics/congress.go reads them as TEMP definitions, see figures.go)
-- and the views v_congress and v_congress_checks show the same to analysts. Every figure is a count or a
-- sum; shares and rates are divided and rounded in one place (analytics/share.go). A sum covers the
-- 选区 that filled the column(s) it needs, and says how many did (…_known), so that a column left blank
-- is "no figure", never 0.

-- v_congress: each 选区 at each level with its registration rate, and its turnout and margin as
-- v_turnout defines them (02_v_turnout.sql; percent, unrounded).
CREATE OR REPLACE VIEW v_congress AS
SELECT county, township, unit, e.constituency_no, year, body, e.population, e.adults,
       e.away_home, e.away_workplace, e.away_missing, e.incapable, e.suspended, e.deprived,
       e.registered, e.registered_women, e.registered_minority, e.registered_migrant,
       e.voted, e.in_person_votes, e.mobile_votes, e.proxy_votes, e.valid_ballots, e.invalid_ballots,
       e.seats, e.candidates, e.nominated_by_parties, e.nominated_by_voters, e.elected, e.round,
       100.0 * e.registered / nullif(e.adults, 0) AS registration_rate,
       t.turnout, t.margin
FROM elections e
JOIN v_turnout t USING (county, township, unit, year, body)
WHERE deputies_body(body);

-- congress_totals(year, county, township): per level (body), the sums over the 选区 of the scope
-- ('' means all). Pairs that make a rate (registered/adults, voted/registered, candidates/seats) are
-- summed over the 选区 that gave both; a part of a whole (registered_women of registered, mobile_votes
-- of voted …) is summed with its whole (…_of) over the 选区 that gave the part, and …_known counts them
-- (rate_known and margin_known: the 选区 that gave both terms of 登记率 and of 差额比例).
CREATE OR REPLACE MACRO congress_totals(p_year, p_county, p_township) AS TABLE
SELECT body,
       count(*) AS constituencies,
       count(DISTINCT township) AS townships,
       sum(population) AS population, count(population) AS population_known,
       sum(adults) AS adults, count(adults) AS adults_known,
       sum(away_home) AS away_home, count(away_home) AS away_home_known,
       sum(away_workplace) AS away_workplace, count(away_workplace) AS away_workplace_known,
       sum(away_missing) AS away_missing, count(away_missing) AS away_missing_known,
       sum(incapable) AS incapable, count(incapable) AS incapable_known,
       sum(suspended) AS suspended, count(suspended) AS suspended_known,
       sum(deprived) AS deprived, count(deprived) AS deprived_known,
       sum(registered) AS registered, count(registered) AS registered_known,
       sum(registered) FILTER (WHERE adults IS NOT NULL) AS rate_registered,
       count(*) FILTER (WHERE registered IS NOT NULL AND adults IS NOT NULL) AS rate_known,
       sum(adults) FILTER (WHERE registered IS NOT NULL) AS rate_adults,
       -- a part P of a whole W, each part of a COLUMNS list: sum(P) named P, W summed over the 选区 that gave P
       -- named after the list's capture (\1_of: women_of …), count(P) named P_known. The parts of 登记选民:
       sum(COLUMNS('^registered_(women|minority|migrant)$')),
       sum(registered) FILTER (WHERE COLUMNS('^registered_(women|minority|migrant)$') IS NOT NULL) AS '\1_of',
       count(COLUMNS('^registered_(women|minority|migrant)$')) AS '\0_known',
       sum(voted) AS voted,
       sum(voted) FILTER (WHERE registered IS NOT NULL) AS turnout_voted,
       sum(registered) FILTER (WHERE voted IS NOT NULL) AS turnout_registered,
       -- the parts of 参加投票 (how the votes were cast), by the same rule
       sum(COLUMNS('^(in_person|mobile|proxy)_votes$')),
       sum(voted) FILTER (WHERE COLUMNS('^(in_person|mobile|proxy)_votes$') IS NOT NULL) AS '\1_of',
       count(COLUMNS('^(in_person|mobile|proxy)_votes$')) AS '\0_known',
       sum(valid_ballots) AS valid_ballots, sum(invalid_ballots) AS invalid_ballots,
       sum(seats) AS seats, sum(candidates) AS candidates, sum(elected) AS elected,
       count(candidates) AS candidates_known,
       sum(candidates) FILTER (WHERE seats IS NOT NULL) AS margin_candidates,
       sum(seats) FILTER (WHERE candidates IS NOT NULL) AS margin_seats,
       count(*) FILTER (WHERE seats IS NOT NULL AND candidates IS NOT NULL) AS margin_known,
       -- a nomination channel is a part of 正式候选人数, itself optional: both over the 选区 giving both
       sum(nominated_by_parties) FILTER (WHERE candidates IS NOT NULL) AS nominated_by_parties,
       sum(candidates) FILTER (WHERE nominated_by_parties IS NOT NULL) AS parties_of,
       count(*) FILTER (WHERE nominated_by_parties IS NOT NULL AND candidates IS NOT NULL) AS nominated_by_parties_known,
       sum(nominated_by_voters) FILTER (WHERE candidates IS NOT NULL) AS nominated_by_voters,
       sum(candidates) FILTER (WHERE nominated_by_voters IS NOT NULL) AS voters_of,
       count(*) FILTER (WHERE nominated_by_voters IS NOT NULL AND candidates IS NOT NULL) AS nominated_by_voters_known,
       count(round) AS round_known,
       count(*) FILTER (WHERE round = '一次选足') AS first_round,
       count(*) FILTER (WHERE round = '另行选举') AS further_round,
       count(*) FILTER (WHERE round = '未选足') AS unfilled
FROM elections
WHERE deputies_body(body) AND in_scope(p_year, p_year, p_county, p_township, '', year, county, township, unit)
GROUP BY body;

-- member_makeup(bodies, year, county, township): per body of the list, those elected and their 构成,
-- the one definition the deputies (congress_deputies) and what a party congress elects (party_members,
-- 08_v_party_congress.sql) share. Each group is counted over the persons whose column was filled
-- (…_known):
--   persons, women                 性别 is required
--   minorities / ethnicity_known   民族 other than 汉族 (v_members.minority)
--   workers … others / category_known  代表构成 (工人, 农民, 专业技术人员, 干部 = 党政领导干部, 其他) as
--                                  filled in
--   college / education_known      大专及以上 (研究生, 大学本科, 大学专科, or that range:
--                                  education_college, analytics/domain.go)
--   reelected / reelected_known    连任 as filled in
CREATE OR REPLACE MACRO member_makeup(p_bodies, p_year, p_county, p_township) AS TABLE
SELECT body,
       count(*) AS persons,
       count(*) FILTER (WHERE gender = '女') AS women,
       count(minority) AS ethnicity_known,
       count(*) FILTER (WHERE minority) AS minorities,
       count(category) AS category_known,
       count(*) FILTER (WHERE category = '工人') AS workers,
       count(*) FILTER (WHERE category = '农民') AS farmers,
       count(*) FILTER (WHERE category = '专业技术人员') AS professionals,
       count(*) FILTER (WHERE category = '干部') AS cadres,
       count(*) FILTER (WHERE category = '其他') AS others,
       count(education) AS education_known,
       count(*) FILTER (WHERE education_college(education)) AS college,
       count(reelected) AS reelected_known,
       count(*) FILTER (WHERE reelected) AS reelected
FROM summary_members
WHERE list_contains(p_bodies, body) AND in_scope(p_year, p_year, p_county, p_township, '', year, county, township, unit)
GROUP BY body;

-- congress_deputies(year, county, township): per level, the elected deputies (deputies) and their 构成
-- (member_makeup), with 非中共 (政治面貌 other than 中共党员/中共预备党员) over those whose 政治面貌 was
-- filled (party_known).
CREATE OR REPLACE MACRO congress_deputies(p_year, p_county, p_township) AS TABLE
WITH party AS (
    SELECT body,
           count(party) AS party_known,
           count(*) FILTER (WHERE NOT party_member(party)) AS non_party
    FROM members
    WHERE deputies_body(body) AND in_scope(p_year, p_year, p_county, p_township, '', year, county, township, unit)
    GROUP BY body
)
SELECT body, k.persons AS deputies, p.party_known, p.non_party, k.* EXCLUDE (body, persons)
FROM member_makeup(deputies_bodies(), p_year, p_county, p_township) k
JOIN party p USING (body);

-- congress_rolls(): per township, year and level, the 选民登记 its 选区 add up to: 总人口, 18周岁以上人口
-- and 登记选民, each only when every 选区 of the level gave it (NULL otherwise, so that a blank is never
-- compared as a total).
CREATE OR REPLACE MACRO congress_rolls() AS TABLE
SELECT county, township, year, body,
       CASE WHEN count(population) = count(*) THEN sum(population) END AS population,
       CASE WHEN count(adults) = count(*) THEN sum(adults) END AS adults,
       CASE WHEN count(registered) = count(*) THEN sum(registered) END AS registered
FROM elections
WHERE deputies_body(body)
GROUP BY ALL;

-- congress_checks(): the legal checks of people's congress elections, one row per failing 选区 (or
-- elected deputy). The provisions are cited by their rule, without an article number, since the
-- numbering of the 选举法 changed between its revisions:
--   renda_turnout_majority   选区全体选民的过半数参加投票，选举有效
--   renda_margin             直接选举的代表候选人人数应多于应选代表名额三分之一至一倍
--   renda_deputy_majority    代表候选人获得参加投票的选民过半数的选票，始得当选 (first ballot; not
--                            checked on a 选区 that held a 另行选举, whose later ballot the sheet lacks)
--   renda_levels_roll        a data check, not a legal one (no citation): where a township holds both
--                            levels, the 总人口, 18周岁以上人口 or 登记选民 its 乡级 选区 add up to differs
--                            from its 县级 选区' (the two are elected together over the same people); one
--                            row per township, under 乡级人大代表, naming each figure that differs
--   votes_gt_valid_ballots   a deputy's 得票数 above the 选区's 有效票数: a data check from vote_checks
--                            (06_v_checks.sql), not a legal one
-- Every rule tests integers; the percentages in the messages come from percent_text (06_v_checks.sql).
CREATE OR REPLACE MACRO congress_checks() AS TABLE
SELECT 'renda_turnout_majority' AS rule,
       '《全国人民代表大会和地方各级人民代表大会选举法》关于选区全体选民的过半数参加投票选举有效的规定' AS citation,
       county, township, unit, year, body, NULL::VARCHAR AS name, registered AS figure, voted AS compared_with,
       format('登记选民{}人，参加投票{}人（{}%），未超过半数，选举无效', registered, voted, percent_text(voted, registered)) AS message
FROM elections
WHERE deputies_body(body) AND registered > 0 AND voted * 2 <= registered
UNION ALL
SELECT 'renda_margin',
       '《全国人民代表大会和地方各级人民代表大会选举法》关于直接选举的代表候选人人数应多于应选代表名额三分之一至一倍的规定',
       county, township, unit, year, body, NULL, seats, candidates,
       format('应选代表{}名，正式候选人{}名，差额比例{}%，{}', seats, candidates, percent_text(candidates - seats, seats),
              CASE WHEN candidates * 3 < seats * 4 THEN '少于三分之一' ELSE '超过一倍' END)
FROM elections
WHERE deputies_body(body) AND seats > 0 AND candidates IS NOT NULL
  AND (candidates * 3 < seats * 4 OR candidates > seats * 2)
UNION ALL
SELECT 'renda_deputy_majority',
       '《全国人民代表大会和地方各级人民代表大会选举法》关于代表候选人获得参加投票的选民过半数的选票始得当选的规定',
       m.county, m.township, m.unit, m.year, m.body, m.name, m.votes, e.voted,
       format('{}得票{}张，参加投票{}人，未获得过半数选票', m.name, m.votes, e.voted)
FROM members m
JOIN elections e
  ON e.county = m.county AND e.township = m.township AND e.unit = m.unit AND e.year = m.year AND e.body = m.body
WHERE deputies_body(m.body) AND m.votes IS NOT NULL AND e.voted IS NOT NULL
  AND e.round IS DISTINCT FROM '另行选举' AND m.votes * 2 <= e.voted
UNION ALL
SELECT rule, citation, county, township, unit, year, body, name, figure, compared_with, message
FROM vote_checks()
WHERE deputies_body(body)
UNION ALL
SELECT 'renda_levels_roll', '', county, township, '', year, '乡级人大代表', NULL, t_registered, c_registered,
       concat_ws('；',
           CASE WHEN t_population <> c_population THEN format('各选区总人口合计{}人，县级人大代表各选区合计{}人', t_population, c_population) END,
           CASE WHEN t_adults <> c_adults THEN format('18周岁以上人口合计{}人，县级人大代表各选区合计{}人', t_adults, c_adults) END,
           CASE WHEN t_registered <> c_registered THEN format('登记选民合计{}人，县级人大代表各选区合计{}人', t_registered, c_registered) END)
       || '：同一乡镇的县、乡两级选区覆盖同一批选民，选民登记应当一致，请核对'
FROM (
    SELECT t.county, t.township, t.year,
           t.population AS t_population, c.population AS c_population, t.adults AS t_adults, c.adults AS c_adults,
           t.registered AS t_registered, c.registered AS c_registered
    FROM congress_rolls() t
    JOIN congress_rolls() c
      ON c.county = t.county AND c.township = t.township AND c.year = t.year AND c.body = '县级人大代表'
    WHERE t.body = '乡级人大代表'
)
WHERE t_population <> c_population OR t_adults <> c_adults OR t_registered <> c_registered;

-- v_congress_checks: every failure of every year.
CREATE OR REPLACE VIEW v_congress_checks AS
SELECT rule, citation, county, township, unit, year, body, name, figure, compared_with, message
FROM congress_checks();
