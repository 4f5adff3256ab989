-- The legal checks, defined once: the table macro legal_checks() lists every failure, one row per
-- failing election (or elected member, or committee), with the rule, the provision cited, the figures
-- and the one message; v_checks shows it to analysts and Summarize reads Summary.Checks from it (as
-- TEMP macro and view on its own connection, see analytics/figures.go).
--   vc_turnout_majority       村民委员会: voted must exceed half of registered
--   vc_candidate_majority     村民委员会: each elected member's votes must exceed half of voted
--   vc_woman_member           村民委员会 must include a woman
--   party_quorum              party bodies: voted (实到) must exceed 4/5 of registered (应到) less
--                             those excused with approval (批准剔除) when given
--   sc_representatives_quorum 村务监督委员会 chosen by the 村民代表会议 (v_turnout.representatives): at
--                             least two thirds of the representatives due must be present
--   party_candidate_majority  party bodies: each elected member's votes must exceed half of voted
--   party_candidate_margin    party bodies: candidates must exceed seats by at least 20%
--   votes_gt_valid_ballots    every body but the deputies: a data check, see vote_checks
-- A failed quorum filled in as 一次选举成功 is said once, in the quorum rule's message (v_turnout does
-- not count it as one).
-- The three quorum rules are v_turnout.quorum_met (views/02_v_turnout.sql), defined there once.
-- Every rule tests integers, so that no rounding decides a check; the percentages in the messages are
-- rounded half away from zero to one decimal (electsum.Round) by percent_text.

-- percent_text(part, whole)  100 × part ÷ whole as text with one decimal, rounded half away from zero
-- in exact integer arithmetic (whole > 0).
CREATE OR REPLACE MACRO percent_text(part, whole) AS
    printf('%.1f', sign(part) * ((2000 * abs(part) + whole) // (2 * whole)) / 10);

-- vote_checks(): the one data check between the two sheets that holds database-wide: an elected
-- person's 得票数 above the 有效票数 of their election (or, where 有效票数 is blank, above its 参加投票
-- 人数), whatever files the two rows came from. A person whose roster row gives the 有效票数 of the
-- ballot that elected them (另行选举) is checked against that, row by row, by ingest, and not here. Ingest refuses this within one file
-- (votes_gt_valid_ballots); results and members loaded from different files (a township's two CSVs, a
-- resubmitted results sheet with fewer ballots) meet only here. One row per person, every body;
-- legal_checks (below) and congress_checks (07_v_congress.sql) each take their own bodies' rows. It
-- is not a legal check: no citation, and the drafts put it among the 数据核对 notes.
CREATE OR REPLACE MACRO vote_checks() AS TABLE
SELECT 'votes_gt_valid_ballots' AS rule, '' AS citation,
       m.county, m.township, m.unit, m.year, m.body, m.name, m.position, m.votes AS figure,
       coalesce(e.valid_ballots, e.voted) AS compared_with,
       CASE WHEN e.valid_ballots IS NOT NULL
            THEN format('{}（{}）得票{}张，多于该选举的有效票{}张：得票数不能超过有效票数，请核对选举结果和当选人员', m.name, m.position, m.votes, e.valid_ballots)
            ELSE format('{}（{}）得票{}张，多于该选举的参加投票人数{}人：得票数不能超过投票人数，请核对选举结果和当选人员', m.name, m.position, m.votes, e.voted) END AS message
FROM members m
JOIN elections e
  ON e.county = m.county AND e.township = m.township AND e.unit = m.unit AND e.year = m.year AND e.body = m.body
WHERE m.votes IS NOT NULL AND m.valid_ballots IS NULL AND m.votes > coalesce(e.valid_ballots, e.voted);

CREATE OR REPLACE MACRO legal_checks() AS TABLE
SELECT 'vc_turnout_majority' AS rule, '《中华人民共和国村民委员会组织法》第三十四条' AS citation,
       county, township, unit, year, body, NULL::VARCHAR AS name, NULL::VARCHAR AS position,
       registered AS figure, voted AS compared_with,
       format('登记选民{}人，参加投票{}人（{}%），未超过半数，选举无效', registered, voted, percent_text(voted, registered))
           || CASE WHEN first_round_filed THEN '；填报的“一次选举成功”与此矛盾，不计入一次选举成功' ELSE '' END AS message
FROM v_turnout
WHERE body = '村民委员会' AND NOT quorum_met
UNION ALL
SELECT 'party_quorum', '《中国共产党基层组织选举工作条例》关于有选举权的到会人数须超过应到会人数五分之四的规定',
       county, township, unit, year, body, NULL, NULL, registered, voted,
       CASE WHEN coalesce(excused, 0) > 0 AND registered > excused
            THEN format('应到会{}人，经批准剔除{}人，实到会{}人（占应到会减剔除后的{}%），未超过五分之四，会议无效',
                        registered, excused, voted, percent_text(voted, registered - excused))
            ELSE format('应到会{}人，实到会{}人（{}%），未超过五分之四，会议无效', registered, voted, percent_text(voted, registered)) END
           || CASE WHEN first_round_filed THEN '；填报的“一次选举成功”与此矛盾，不计入一次选举成功' ELSE '' END
FROM v_turnout
WHERE party_body(body) AND NOT quorum_met
UNION ALL
SELECT 'sc_representatives_quorum', '《中华人民共和国村民委员会组织法》第二十六条',
       county, township, unit, year, body, NULL, NULL, registered, voted,
       format('村民代表会议应到村民代表{}人，实到{}人（{}%），不足三分之二，会议不能召开', registered, voted, percent_text(voted, registered))
           || CASE WHEN first_round_filed THEN '；填报的“一次选举成功”与此矛盾，不计入一次选举成功' ELSE '' END
FROM v_turnout
WHERE representatives AND NOT quorum_met
UNION ALL
SELECT 'party_candidate_margin', '《中国共产党基层组织选举工作条例》关于委员候选人差额不少于应选人数20%的规定',
       county, township, unit, year, body, NULL, NULL, seats, candidates,
       format('应选{}名，候选人{}名，差额比例{}%，不足20%', seats, candidates, percent_text(candidates - seats, seats))
FROM elections
WHERE party_body(body) AND seats > 0 AND candidates * 5 < seats * 6
UNION ALL
SELECT CASE WHEN m.body = '村民委员会' THEN 'vc_candidate_majority' ELSE 'party_candidate_majority' END,
       CASE WHEN m.body = '村民委员会' THEN '《中华人民共和国村民委员会组织法》第三十四条'
            ELSE '《中国共产党基层组织选举工作条例》关于被选举人获得的赞成票须超过实到会有选举权人数一半的规定' END,
       m.county, m.township, m.unit, m.year, m.body, m.name, m.position, m.votes, e.voted,
       CASE WHEN m.body = '村民委员会'
            THEN format('{}（{}）得票{}张，参加投票{}人，未获得过半数选票', m.name, m.position, m.votes, e.voted)
            ELSE format('{}（{}）得赞成票{}张，实到会{}人，未超过半数', m.name, m.position, m.votes, e.voted) END
FROM members m
JOIN elections e
  ON e.county = m.county AND e.township = m.township AND e.unit = m.unit AND e.year = m.year AND e.body = m.body
WHERE (m.body = '村民委员会' OR party_body(m.body)) AND m.votes IS NOT NULL AND e.voted IS NOT NULL
  AND m.votes * 2 <= e.voted
UNION ALL
SELECT 'vc_woman_member', '《中华人民共和国村民委员会组织法》第六条',
       county, township, unit, year, body, NULL, NULL, count(*), 0,
       format('村民委员会{}名成员中没有妇女成员', count(*))
FROM members
WHERE body = '村民委员会'
GROUP BY county, township, unit, year, body
HAVING count(*) FILTER (WHERE gender = '女') = 0
UNION ALL
SELECT rule, citation, county, township, unit, year, body, name, position, figure, compared_with, message
FROM vote_checks()
WHERE NOT deputies_body(body);

-- v_checks: every legal-check failure of every year.
CREATE OR REPLACE VIEW v_checks AS
SELECT rule, citation, county, township, unit, year, body, name, position, figure, compared_with, message
FROM legal_checks();
