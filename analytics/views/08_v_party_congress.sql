-- Township party congresses (乡镇党代会), defined once: what a township's 党的代表大会 elects — 乡镇党委,
-- 乡镇纪委 and the delegates to the county's 党代会 (出席上级党代会代表) — one results row per township and
-- body, one members row per person elected. PartyCongress in analytics/partycongress.go reads these
-- macros (as TEMP definitions, see figures.go); v_party_congress shows each election to analysts. Every
-- figure is a count or a sum; rates are divided and rounded in Go (analytics/share.go). A sum covers the
-- rows that gave the column(s) it needs and says how many did (…_known): a blank column is "no figure".
-- The quorum (quorum_met, 到会 more than 4/5 of 应到 less 批准剔除) is v_turnout's (02_v_turnout.sql).

-- approval_counted(votes, valid_ballots)  whether a person elected counts in the pooled 赞成票率: both
-- their 得票数 and the 有效票数 of the ballot that elected them (v_members.valid_ballots) are given.
CREATE OR REPLACE MACRO approval_counted(votes, valid_ballots) AS votes IS NOT NULL AND valid_ballots > 0;

-- v_party_elections: each election of a party body (村党组织, 社区党组织, and what a township's 党代会
-- elects), with its 选举方式, attendance (到会率 = 实到 / 应到: v_turnout.turnout), margin (差额比例)
-- and pooled approval (赞成票率 = Σ elected persons' votes / Σ the valid ballots of the ballot that
-- elected each: their own 有效票数 when the roster gives it, as for one elected in 另行选举, else their
-- election's), percent, unrounded.
CREATE OR REPLACE VIEW v_party_elections AS
WITH approval AS (
    SELECT m.county, m.township, m.unit, m.year, m.body,
           sum(m.votes) AS approval_votes, sum(m.valid_ballots) AS approval_valid
    FROM v_members m
    WHERE party_body(m.body) AND approval_counted(m.votes, m.valid_ballots)
    GROUP BY ALL
)
SELECT t.county, t.township, t.unit, t.year, t.body, coalesce(t.method, '') AS method,
       t.registered AS due, t.excused, t.voted AS present,
       t.quorum_met, t.seats, t.candidates, t.elected, t.valid_ballots,
       t.turnout AS attendance,
       t.margin,
       100.0 * a.approval_votes / nullif(a.approval_valid, 0) AS approval
FROM v_turnout t
LEFT JOIN approval a USING (county, township, unit, year, body)
WHERE party_body(t.body);

-- v_party_congress: each body each township's 党代会 elected (v_party_elections of those bodies).
CREATE OR REPLACE VIEW v_party_congress AS
SELECT * EXCLUDE (method) FROM v_party_elections
WHERE party_congress_body(body);

-- party_totals(bodies, year, county, township): per body of the list, the sums over its elections in the
-- scope ('' means all): the 党代会 of townships (sql/party_congress_totals.sql) or the 社区党组织
-- elections by 党员大会/党员代表大会 (sql/community_party_totals.sql). Pairs that make a rate are
-- summed over the rows that gave both.
--   meetings, townships           results rows, and the townships they come from
--   due, excused, present         Σ应到, Σ批准剔除, Σ实到
--   attendance_present / attendance_due   到会率
--   quorum_known, quorum_met      rows whose quorum can be judged / of them valid
--   seats, candidates, elected    Σ应选, Σ候选, Σ当选; margin_candidates / margin_seats: 差额比例
--                                 over the margin_known rows that gave both
--   methods                       JSON list of {label, units, present}: elections and Σ实到 per 选举方式
--                                 (党员大会, 党员代表大会 …), most used first; blank methods not listed;
--                                 methods_known: the elections that named one
--   sizes                         JSON list of {elected, units}: elections per 当选人数, largest first
CREATE OR REPLACE MACRO party_totals(p_bodies, p_year, p_county, p_township) AS TABLE
WITH e AS (
    SELECT * FROM v_turnout
    WHERE list_contains(p_bodies, body) AND in_scope(p_year, p_year, p_county, p_township, '', year, county, township, unit)
), methods AS (
    SELECT body, to_json(list({'label': method, 'units': units, 'present': present} ORDER BY units DESC, method))::VARCHAR AS methods
    FROM (SELECT body, method, count(*) AS units, sum(voted)::BIGINT AS present FROM e WHERE coalesce(method, '') <> '' GROUP BY ALL)
    GROUP BY body
), sizes AS (
    SELECT body, to_json(list({'elected': elected, 'units': units} ORDER BY elected DESC))::VARCHAR AS sizes
    FROM (SELECT body, elected, count(*) AS units FROM e WHERE elected IS NOT NULL GROUP BY ALL)
    GROUP BY body
), sums AS (
SELECT body,
       count(*) AS meetings,
       count(DISTINCT township) AS townships,
       sum(registered) AS due, count(registered) AS due_known,
       sum(excused) AS excused, count(excused) AS excused_known,
       sum(voted) AS present, count(voted) AS present_known,
       sum(voted) FILTER (WHERE registered IS NOT NULL) AS attendance_present,
       sum(registered) FILTER (WHERE voted IS NOT NULL) AS attendance_due,
       count(quorum_met) AS quorum_known,
       count(*) FILTER (WHERE quorum_met) AS quorum_met,
       sum(seats) AS seats, count(seats) AS seats_known,
       sum(candidates) AS candidates, count(candidates) AS candidates_known,
       sum(elected) AS elected, count(elected) AS elected_known,
       sum(candidates) FILTER (WHERE seats IS NOT NULL) AS margin_candidates,
       sum(seats) FILTER (WHERE candidates IS NOT NULL) AS margin_seats,
       count(*) FILTER (WHERE seats IS NOT NULL AND candidates IS NOT NULL) AS margin_known,
       count(*) FILTER (WHERE coalesce(method, '') <> '') AS methods_known
FROM e
GROUP BY body
)
SELECT s.*, coalesce(m.methods, '[]') AS methods, coalesce(z.sizes, '[]') AS sizes
FROM sums s
LEFT JOIN methods m USING (body)
LEFT JOIN sizes z USING (body);

-- party_members(bodies, year, county, township): per body of the list, those elected (members) and
-- their 构成 (member_makeup, 07_v_congress.sql: women, minorities, 代表构成, 大专及以上, 连任), and:
--   heads, women_heads             书记 (v_members.is_head), and the women among them
--   age_sum / age_known            for the average age at the election (v_members.age_at_election)
--   under_46                       aged 45 or less at the election (of age_known)
--   approval_votes / approval_valid  赞成票率, pooled: Σ得票 / Σ有效票 of the ballot that elected each (their
--                                  own 有效票数, else their election's), over the persons with 得票数 and
--                                  有效票数 (approval_counted; approval_counted of them)
--   lowest_*                       the person with the lowest 得票数 / 有效票数 (ties: township, name)
CREATE OR REPLACE MACRO party_members(p_bodies, p_year, p_county, p_township) AS TABLE
WITH m AS (
    SELECT m.*, CASE WHEN approval_counted(m.votes, m.valid_ballots) THEN m.votes END AS counted_votes
    FROM summary_members m
    WHERE list_contains(p_bodies, m.body)
      AND in_scope(p_year, p_year, p_county, p_township, '', m.year, m.county, m.township, m.unit)
), lowest AS (
    SELECT body, township AS lowest_township, name AS lowest_name, counted_votes AS lowest_votes,
           valid_ballots AS lowest_valid
    FROM m
    WHERE counted_votes IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY body ORDER BY counted_votes::DOUBLE / valid_ballots, township, name) = 1
), own AS (
    SELECT body,
           count(*) FILTER (WHERE is_head) AS heads,
           count(*) FILTER (WHERE is_head AND gender = '女') AS women_heads,
           sum(age_at_election) AS age_sum, count(age_at_election) AS age_known,
           count(*) FILTER (WHERE age_at_election <= 45) AS under_46,
           count(counted_votes) AS approval_counted,
           sum(counted_votes) AS approval_votes,
           sum(valid_ballots) FILTER (WHERE counted_votes IS NOT NULL) AS approval_valid
    FROM m
    GROUP BY body
)
SELECT body, k.persons AS members, k.* EXCLUDE (body, persons), o.* EXCLUDE (body),
       l.lowest_township, l.lowest_name, l.lowest_votes, l.lowest_valid
FROM member_makeup(p_bodies, p_year, p_county, p_township) k
JOIN own o USING (body)
LEFT JOIN lowest l USING (body);
