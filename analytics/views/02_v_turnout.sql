-- Participation and seats, defined once: v_turnout gives each election's rates; the table macro
-- participation_figures sums them for a scope, and v_participation shows those sums to analysts at
-- every level. Summarize reads both (as TEMP definitions on its own connection, analytics/figures.go);
-- Go only rounds the rates and shares and puts the previous term beside the current one.

-- v_turnout: one row per election (unit, body, year) with its rates in percent, unrounded; NULL when a
-- figure is missing or the denominator is zero (or negative).
--   turnout       100 × voted / registered (参选率, 到会率 for party bodies)
--   proxy_share   100 × proxy_votes / voted;  mobile_share  100 × mobile_votes / voted
--   margin        100 × (candidates − seats) / seats (差额比例)
CREATE OR REPLACE VIEW v_turnout AS
SELECT county, township, unit, year, body, term, method, election_date,
       registered, voted,
       CASE WHEN registered > 0 THEN 100 * voted::DOUBLE / registered END AS turnout,
       proxy_votes,
       CASE WHEN voted > 0 THEN 100 * proxy_votes::DOUBLE / voted END AS proxy_share,
       mobile_votes,
       CASE WHEN voted > 0 THEN 100 * mobile_votes::DOUBLE / voted END AS mobile_share,
       valid_ballots, invalid_ballots, seats, candidates, elected,
       CASE WHEN seats > 0 THEN 100 * (candidates - seats)::DOUBLE / seats END AS margin,
       first_round
FROM elections;

-- participation_figures(first_year, second_year, in_county, in_township, in_unit, by_levels, threshold)
-- sums the elections of the years first_year and second_year (NULL: every year) in the scope (''
-- means all) per year and body and per part of the scope, at each level of the list by_levels (the
-- column level; in_scope and part_name, 00_scope.sql): 'county', 'township' or 'unit' gives one row
-- per county, township or unit (the finer name columns are ''); any other value ('') one row for the
-- whole scope. A sum is NULL when no unit gave the figure.
--   units                              units that reported the body's election
--   registered, voted, valid_ballots, invalid_ballots, seats, candidates, elected   sums
--   turnout_voted / turnout_registered Σvoted / Σregistered over the units that gave both (参选率)
--   proxy_votes / proxy_voted          Σproxy_votes / Σvoted over the units that gave proxy votes
--   mobile_votes / mobile_voted        the same for the mobile ballot box
--   margin_extra / margin_seats        Σ(candidates − seats) / Σseats over the units that gave both
--   first_round / first_round_known    units that elected at the first round / units that answered
--   rated_units, full_turnout          units with a turnout (registered > 0) / of them at 100%
--   lowest, highest                    JSON {township, unit, turnout}: the unit with the lowest
--                                      (highest) turnout, the first in township and unit order on ties
--   below_threshold                    JSON list of the same for every unit under threshold, lowest
--                                      first (NULL when threshold is NULL)
--   methods                            JSON list of {label, units}: units per 选举方式, most used first,
--                                      then by name; blank methods are not counted
CREATE OR REPLACE MACRO participation_figures(first_year, second_year, in_county, in_township, in_unit, by_levels, threshold) AS TABLE
WITH e AS (
    SELECT l.level, v.*,
           part_name(l.level, 1, county) AS part_county,
           part_name(l.level, 2, township) AS part_township,
           part_name(l.level, 3, unit) AS part_unit
    FROM v_turnout v, unnest(by_levels) AS l(level)
    WHERE in_scope(first_year, second_year, in_county, in_township, in_unit, year, county, township, unit)
), by_method AS (
    SELECT level, part_county, part_township, part_unit, year, body, method, count(*) AS units
    FROM e
    WHERE coalesce(method, '') <> ''
    GROUP BY ALL
), methods AS (
    SELECT level, part_county, part_township, part_unit, year, body,
           to_json(list({'label': method, 'units': units} ORDER BY units DESC, method))::VARCHAR AS methods
    FROM by_method
    GROUP BY ALL
), sums AS (
    SELECT level, part_county, part_township, part_unit, year, body,
           count(*) AS units,
           sum(registered)::BIGINT AS registered,
           sum(voted)::BIGINT AS voted,
           sum(voted) FILTER (WHERE registered IS NOT NULL)::BIGINT AS turnout_voted,
           sum(registered) FILTER (WHERE voted IS NOT NULL)::BIGINT AS turnout_registered,
           sum(proxy_votes)::BIGINT AS proxy_votes,
           coalesce(sum(voted) FILTER (WHERE proxy_votes IS NOT NULL), 0)::BIGINT AS proxy_voted,
           sum(mobile_votes)::BIGINT AS mobile_votes,
           coalesce(sum(voted) FILTER (WHERE mobile_votes IS NOT NULL), 0)::BIGINT AS mobile_voted,
           sum(valid_ballots)::BIGINT AS valid_ballots,
           sum(invalid_ballots)::BIGINT AS invalid_ballots,
           sum(seats)::BIGINT AS seats,
           sum(candidates)::BIGINT AS candidates,
           sum(elected)::BIGINT AS elected,
           sum(candidates - seats)::BIGINT AS margin_extra,
           sum(seats) FILTER (WHERE candidates IS NOT NULL)::BIGINT AS margin_seats,
           count(*) FILTER (WHERE first_round) AS first_round,
           count(first_round) AS first_round_known,
           count(turnout) AS rated_units,
           count(*) FILTER (WHERE turnout IS NOT NULL AND voted = registered) AS full_turnout,
           to_json(first({'township': township, 'unit': unit, 'turnout': turnout} ORDER BY turnout, county, township, unit)
                   FILTER (WHERE turnout IS NOT NULL))::VARCHAR AS lowest,
           to_json(first({'township': township, 'unit': unit, 'turnout': turnout} ORDER BY turnout DESC, county, township, unit)
                   FILTER (WHERE turnout IS NOT NULL))::VARCHAR AS highest,
           CASE WHEN threshold IS NOT NULL THEN
               coalesce(to_json(list({'township': township, 'unit': unit, 'turnout': turnout} ORDER BY turnout, county, township, unit)
                                FILTER (WHERE turnout < threshold))::VARCHAR, '[]') END AS below_threshold
    FROM e
    GROUP BY ALL
)
SELECT s.level, s.part_county AS county, s.part_township AS township, s.part_unit AS unit, s.year, s.body,
       s.* EXCLUDE (level, part_county, part_township, part_unit, year, body),
       coalesce(m.methods, '[]') AS methods
FROM sums s
LEFT JOIN methods m USING (level, part_county, part_township, part_unit, year, body);

-- v_participation: participation_figures at each level (level = 'county', 'township', 'unit'), every
-- year. below_threshold is NULL here: the threshold is the report's (report.toml), so list the units
-- below your own from v_turnout (WHERE turnout < 90).
CREATE OR REPLACE VIEW v_participation AS
SELECT * FROM participation_figures(NULL, NULL, '', '', '', ['county', 'township', 'unit'], NULL);
