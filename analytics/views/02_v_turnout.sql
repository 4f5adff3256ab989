-- Participation and seats, defined once: v_turnout gives each election's rates; the table macro
-- participation_figures sums them for a scope, and v_participation shows those sums to analysts at
-- every level. Summarize reads both (as TEMP definitions on its own connection, analytics/figures.go);
-- Go only rounds the rates and shares and puts the previous term beside the current one.

-- v_turnout: one row per election (unit, body, year) with its rates in percent, unrounded; NULL when a
-- figure is missing or the denominator is zero (or negative).
--   turnout       100 × voted / registered (参选率, 到会率 for party bodies)
--   proxy_share   100 × proxy_votes / voted;  mobile_share  100 × mobile_votes / voted
--   margin        100 × (candidates − seats) / seats (差额比例), for contested elections only: a
--                 无候选人 or 海选 election has no 差额比例 (NULL), whatever its 候选人数 cell says
--   contested     an election with candidates (有候选人选举): seats > 0 and candidates > 0, and a
--                 选举方式 that is not 无候选人 or 海选 (those elect without formal candidates, so their
--                 candidates, if any, are not counted against seats); only these make 差额比例
--   quorum_met    the meeting or vote was valid by its quorum: 村民委员会 more than half of the
--                 registered voted (《村民委员会组织法》第三十四条), party bodies more than 4/5 of those due
--                 attended (应到 less those excused with approval, 批准剔除, when given); NULL when the body has no such rule or a figure is missing
--   first_round   一次选举成功 as filled in, except that an election whose quorum failed never counts as
--                 one (legal_checks says so in its message); first_round_filed is the answer as filled in
--   excused       批准剔除 as filled in (party bodies): not counted as due for the quorum
--   representatives  a 村务监督委员会 chosen by the 村民代表会议 (选举方式 村民代表会议推选, stored so by
--                 ingest whatever the spelling; electsum.ByRepresentatives): its registered and voted are
--                 应到 and 实到村民代表 and its turnout their 到会率, never a 参选率 of the voters. Its
--                 quorum: at least two thirds of them present (《村民委员会组织法》第二十六条)
CREATE OR REPLACE VIEW v_turnout AS
WITH rated AS (
    SELECT *,
           by_representatives(body, method) AS representatives,
           coalesce(seats > 0 AND candidates > 0
                    AND NOT (coalesce(method, '') LIKE '%无候选人%' OR coalesce(method, '') LIKE '%海选%'), false) AS contested,
           CASE WHEN registered > 0 AND voted IS NOT NULL THEN
               CASE WHEN body = '村民委员会' THEN voted * 2 > registered
                    WHEN by_representatives(body, method) THEN voted * 3 >= registered * 2
                    WHEN party_body(body) THEN voted * 5 > (registered - coalesce(excused, 0)) * 4 END
           END AS quorum_met
    FROM elections
)
SELECT county, township, unit, year, body, term, method, election_date,
       registered, voted,
       CASE WHEN registered > 0 THEN 100 * voted::DOUBLE / registered END AS turnout,
       proxy_votes,
       CASE WHEN voted > 0 THEN 100 * proxy_votes::DOUBLE / voted END AS proxy_share,
       mobile_votes,
       CASE WHEN voted > 0 THEN 100 * mobile_votes::DOUBLE / voted END AS mobile_share,
       valid_ballots, invalid_ballots, seats, candidates, elected,
       CASE WHEN contested THEN 100 * (candidates - seats)::DOUBLE / seats END AS margin,
       contested, quorum_met,
       CASE WHEN first_round AND NOT quorum_met THEN false ELSE first_round END AS first_round,
       first_round AS first_round_filed,
       excused, representatives
FROM rated;

-- participation_figures(first_year, second_year, in_county, in_township, in_unit, by_levels, threshold, mobile_threshold)
-- sums the elections of the years first_year and second_year (NULL: every year) in the scope (''
-- means all) per year and body and per part of the scope, at each level of the list by_levels (the
-- column level; in_scope and part_name, 00_scope.sql): 'county', 'township' or 'unit' gives one row
-- per county, township or unit (the finer name columns are ''); any other value ('') one row for the
-- whole scope. A sum is NULL when no unit gave the figure.
--   units                              units that reported the body's election
--   registered, voted                  sums over the voters' elections: every one but those of
--                                      v_turnout.representatives, whose figures are rep_* below
--   valid_ballots, invalid_ballots, seats, candidates, elected   sums over all
--   turnout_voted / turnout_registered Σvoted / Σregistered over the voters' elections that gave both
--                                      (参选率, 到会率 for party bodies)
--   proxy_votes / proxy_voted          Σproxy_votes / Σvoted over the units that gave proxy votes
--   proxy_units                        the units that gave proxy votes (the share's reach)
--   mobile_votes / mobile_voted / mobile_units   the same for the mobile ballot box
--   contested_units, contested_seats, contested_candidates
--                                      elections with candidates (v_turnout.contested), their seats and
--                                      candidates; NULL when there is none
--   margin_extra / margin_seats        Σ(candidates − seats) / Σseats over those elections (差额比例)
--   first_round / first_round_known    units that elected at the first round (v_turnout.first_round:
--                                      never one whose quorum failed) / units that answered
--   rated_units, full_turnout          voters' elections with a turnout (registered > 0) / of them at 100%
--   lowest, highest                    JSON list of {township, unit, turnout}: every voters' election with the
--                                      lowest (highest) turnout, all of them on ties, in township and
--                                      unit order
--   below_threshold                    JSON list of the same for every unit under threshold, lowest
--                                      first (NULL when threshold is NULL)
--   valid_units, invalid_units         the units that gave 有效票数 / 无效票数 (the sums' reach)
--   term                               届次 when every unit gave the same one; NULL when any left it
--                                      blank or they differ (a draft names no term the data cannot back)
--   mobile_above                       JSON list of {township, unit, turnout}, turnout being here the
--                                      unit's mobile_share (流动票箱投票 / 参加投票, percent), for every unit
--                                      whose share is above mobile_threshold, highest first (NULL when
--                                      mobile_threshold is NULL; units without 流动票箱投票数 are never in it)
--   methods                            JSON list of {label, units}: units per 选举方式, most used first,
--                                      then by name; blank methods are not counted
--   rep_units                          the elections of v_turnout.representatives (村民代表会议推选)
--   rep_registered, rep_voted          their Σ应到 and Σ实到村民代表 (NULL when there is none); their
--                                      quotient is the representatives' 到会率
--   rep_full                           of them, those where every representative due was present
CREATE OR REPLACE MACRO participation_figures(first_year, second_year, in_county, in_township, in_unit, by_levels, threshold, mobile_threshold) AS TABLE
WITH scoped AS (
    SELECT l.level, v.*,
           part_name(l.level, 1, county) AS part_county,
           part_name(l.level, 2, township) AS part_township,
           part_name(l.level, 3, unit) AS part_unit
    FROM v_turnout v, unnest(by_levels) AS l(level)
    WHERE in_scope(first_year, second_year, in_county, in_township, in_unit, year, county, township, unit)
), by_method AS (
    SELECT level, part_county, part_township, part_unit, year, body, method, count(*) AS units
    FROM scoped
    WHERE coalesce(method, '') <> ''
    GROUP BY ALL
), methods AS (
    -- most used first, then by name: list_sort of a list sorts by the fields of its structs in order
    -- (an ORDER BY inside the aggregate sorts each group on its own, which costs more)
    SELECT level, part_county, part_township, part_unit, year, body,
           to_json(list_transform(list_sort(list({'order': -units, 'label': method, 'units': units})),
                                  lambda x: {'label': x.label, 'units': x.units}))::VARCHAR AS methods
    FROM by_method
    GROUP BY ALL
), sums AS (
    SELECT level, part_county, part_township, part_unit, year, body,
           count(*) AS units,
           sum(registered) FILTER (WHERE NOT representatives)::BIGINT AS registered,
           sum(voted) FILTER (WHERE NOT representatives)::BIGINT AS voted,
           sum(voted) FILTER (WHERE registered IS NOT NULL AND NOT representatives)::BIGINT AS turnout_voted,
           sum(registered) FILTER (WHERE voted IS NOT NULL AND NOT representatives)::BIGINT AS turnout_registered,
           sum(proxy_votes)::BIGINT AS proxy_votes,
           coalesce(sum(voted) FILTER (WHERE proxy_votes IS NOT NULL), 0)::BIGINT AS proxy_voted,
           count(proxy_votes) AS proxy_units,
           sum(mobile_votes)::BIGINT AS mobile_votes,
           coalesce(sum(voted) FILTER (WHERE mobile_votes IS NOT NULL), 0)::BIGINT AS mobile_voted,
           count(mobile_votes) AS mobile_units,
           sum(valid_ballots)::BIGINT AS valid_ballots,
           sum(invalid_ballots)::BIGINT AS invalid_ballots,
           sum(seats)::BIGINT AS seats,
           sum(candidates)::BIGINT AS candidates,
           sum(elected)::BIGINT AS elected,
           nullif(count(*) FILTER (WHERE contested), 0) AS contested_units,
           sum(seats) FILTER (WHERE contested)::BIGINT AS contested_seats,
           sum(candidates) FILTER (WHERE contested)::BIGINT AS contested_candidates,
           sum(candidates - seats) FILTER (WHERE contested)::BIGINT AS margin_extra,
           sum(seats) FILTER (WHERE contested)::BIGINT AS margin_seats,
           count(*) FILTER (WHERE first_round) AS first_round,
           count(first_round) AS first_round_known,
           count(turnout) FILTER (WHERE NOT representatives) AS rated_units,
           count(*) FILTER (WHERE turnout IS NOT NULL AND voted = registered AND NOT representatives) AS full_turnout,
           min(turnout) FILTER (WHERE NOT representatives) AS lowest_turnout,
           max(turnout) FILTER (WHERE NOT representatives) AS highest_turnout,
           list({'county': county, 'township': township, 'unit': unit, 'turnout': turnout}) FILTER (WHERE turnout IS NOT NULL AND NOT representatives) AS rated,
           count(valid_ballots) AS valid_units,
           count(invalid_ballots) AS invalid_units,
           CASE WHEN count(term) = count(*) AND min(term) = max(term) THEN min(term) END AS term,
           CASE WHEN mobile_threshold IS NOT NULL THEN
               coalesce(to_json(list({'township': township, 'unit': unit, 'turnout': mobile_share} ORDER BY mobile_share DESC, county, township, unit)
                                FILTER (WHERE mobile_share > mobile_threshold))::VARCHAR, '[]') END AS mobile_above,
           count(*) FILTER (WHERE representatives) AS rep_units,
           sum(registered) FILTER (WHERE representatives)::BIGINT AS rep_registered,
           sum(voted) FILTER (WHERE representatives)::BIGINT AS rep_voted,
           count(*) FILTER (WHERE representatives AND turnout IS NOT NULL AND voted = registered) AS rep_full
    FROM scoped
    GROUP BY ALL
)
SELECT s.level, s.part_county AS county, s.part_township AS township, s.part_unit AS unit, s.year, s.body,
       s.* EXCLUDE (level, part_county, part_township, part_unit, year, body,
                    lowest_turnout, highest_turnout, rated, valid_units, invalid_units, term, mobile_above,
                    rep_units, rep_registered, rep_voted, rep_full),
       -- A rate is an exactly rounded quotient of two integers, so equal rates compare equal: ties are
       -- exact. The lists are sorted as list_sort sorts structs, by their fields in order.
       to_json(list_transform(list_sort(list_filter(s.rated, lambda r: r.turnout = s.lowest_turnout)),
                              lambda r: {'township': r.township, 'unit': r.unit, 'turnout': r.turnout}))::VARCHAR AS lowest,
       to_json(list_transform(list_sort(list_filter(s.rated, lambda r: r.turnout = s.highest_turnout)),
                              lambda r: {'township': r.township, 'unit': r.unit, 'turnout': r.turnout}))::VARCHAR AS highest,
       CASE WHEN threshold IS NOT NULL THEN
           coalesce(to_json(list_transform(
               list_sort(list_transform(list_filter(s.rated, lambda r: r.turnout < threshold),
                                        lambda r: {'turnout': r.turnout, 'county': r.county, 'township': r.township, 'unit': r.unit})),
               lambda r: {'township': r.township, 'unit': r.unit, 'turnout': r.turnout}))::VARCHAR, '[]') END AS below_threshold,
       s.valid_units, s.invalid_units, s.term, s.mobile_above,
       coalesce(m.methods, '[]') AS methods,
       s.rep_units, s.rep_registered, s.rep_voted, s.rep_full
FROM sums s
LEFT JOIN methods m USING (level, part_county, part_township, part_unit, year, body);

-- v_participation: participation_figures at each level (level = 'county', 'township', 'unit'), every
-- year. below_threshold and mobile_above are NULL here: the thresholds are the report's (report.toml),
-- so list the units beyond your own from v_turnout (WHERE turnout < 90, WHERE mobile_share > 10).
CREATE OR REPLACE VIEW v_participation AS
SELECT * FROM participation_figures(NULL, NULL, '', '', '', ['county', 'township', 'unit'], NULL, NULL);
