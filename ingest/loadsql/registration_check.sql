-- What is wrong with the 选民登记 rows of the run (stage_registration) against the results rows of their
-- places (stage_elections, registers in stage.sql), before registration_merge.sql gives them their
-- figures (registration.go formats the messages). One row per problem, kind:
--   unmatched  a registration row no results row of the run is the place of; names: the 选区 the results
--              rows of its township and year name
--   duplicate  a registration row for a results row an earlier registration row (other_*) is for
--   conflict   a figure both tables give, differently: field and value the registration row's, other_*
--              the results row's
--   part       a part larger than its whole, one given by each table (the other blank there), or more
--              voted than the registration table registered: field and value the registration row's,
--              other_* the results row's
--   exclusions those not registered in the 选区 (回户籍地参选 … 被剥夺选举权利) add up to more than 18周岁以上人口,
--              the figures taken from both tables (either alone was checked when read): field and value the
--              registration row's cell to point at, adults and excluded the figures
--   mismatch   a warning: 18周岁以上人口 less those not registered is not 登记选民, every figure given by one
--              table or the other and neither table giving them all; adults, excluded and registered the
--              figures, adults_here and registered_here whether the registration row gave them
WITH m0 AS (
    SELECT r.*, e.file_id AS e_file, e.seq AS e_seq, e.source_sheet AS e_sheet, e.source_row AS e_row, e.body AS e_body,
           e.registered AS e_registered, e.population AS e_population, e.adults AS e_adults, e.away_home AS e_away_home,
           e.away_workplace AS e_away_workplace, e.away_missing AS e_away_missing, e.incapable AS e_incapable,
           e.suspended AS e_suspended, e.deprived AS e_deprived, e.registered_women AS e_registered_women,
           e.registered_minority AS e_registered_minority, e.registered_migrant AS e_registered_migrant, e.voted AS e_voted
    FROM stage_registration r
    JOIN stage_elections e ON e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year
        AND registers(r.body, e.body)
),
x AS (
    SELECT *,
           coalesce(e_away_home, away_home) + coalesce(e_away_workplace, away_workplace) + coalesce(e_away_missing, away_missing)
               + coalesce(e_incapable, incapable) + coalesce(e_suspended, suspended) + coalesce(e_deprived, deprived) AS excluded_all,
           coalesce(e_away_home, away_home, 0) + coalesce(e_away_workplace, away_workplace, 0) + coalesce(e_away_missing, away_missing, 0)
               + coalesce(e_incapable, incapable, 0) + coalesce(e_suspended, suspended, 0) + coalesce(e_deprived, deprived, 0) AS excluded_given,
           coalesce(away_home, 0) + coalesce(away_workplace, 0) + coalesce(away_missing, 0) + coalesce(incapable, 0)
               + coalesce(suspended, 0) + coalesce(deprived, 0) AS r_excluded,
           coalesce(e_away_home, 0) + coalesce(e_away_workplace, 0) + coalesce(e_away_missing, 0) + coalesce(e_incapable, 0)
               + coalesce(e_suspended, 0) + coalesce(e_deprived, 0) AS e_excluded,
           (away_home IS NOT NULL)::INTEGER + (away_workplace IS NOT NULL)::INTEGER + (away_missing IS NOT NULL)::INTEGER
               + (incapable IS NOT NULL)::INTEGER + (suspended IS NOT NULL)::INTEGER + (deprived IS NOT NULL)::INTEGER AS r_exclusions,
           (e_away_home IS NOT NULL)::INTEGER + (e_away_workplace IS NOT NULL)::INTEGER + (e_away_missing IS NOT NULL)::INTEGER
               + (e_incapable IS NOT NULL)::INTEGER + (e_suspended IS NOT NULL)::INTEGER + (e_deprived IS NOT NULL)::INTEGER AS e_exclusions,
           CASE WHEN away_home IS NOT NULL THEN 'away_home' WHEN away_workplace IS NOT NULL THEN 'away_workplace'
                WHEN away_missing IS NOT NULL THEN 'away_missing' WHEN incapable IS NOT NULL THEN 'incapable'
                WHEN suspended IS NOT NULL THEN 'suspended' WHEN deprived IS NOT NULL THEN 'deprived' END AS first_exclusion
    FROM m0
),
m AS (
    SELECT file_id, seq, source_sheet, source_row, county, township, unit, year, body, e_file, e_seq, e_sheet, e_row, e_body,
           row_number() OVER (PARTITION BY e_file, e_seq ORDER BY file_id, seq) AS nth,
           first_value(file_id) OVER (PARTITION BY e_file, e_seq ORDER BY file_id, seq) AS first_file,
           first_value(source_sheet) OVER (PARTITION BY e_file, e_seq ORDER BY file_id, seq) AS first_sheet,
           first_value(source_row) OVER (PARTITION BY e_file, e_seq ORDER BY file_id, seq) AS first_row,
           [{'k': 'registered', 'r': registered, 'e': e_registered},
            {'k': 'population', 'r': population, 'e': e_population},
            {'k': 'adults', 'r': adults, 'e': e_adults},
            {'k': 'away_home', 'r': away_home, 'e': e_away_home},
            {'k': 'away_workplace', 'r': away_workplace, 'e': e_away_workplace},
            {'k': 'away_missing', 'r': away_missing, 'e': e_away_missing},
            {'k': 'incapable', 'r': incapable, 'e': e_incapable},
            {'k': 'suspended', 'r': suspended, 'e': e_suspended},
            {'k': 'deprived', 'r': deprived, 'e': e_deprived},
            {'k': 'registered_women', 'r': registered_women, 'e': e_registered_women},
            {'k': 'registered_minority', 'r': registered_minority, 'e': e_registered_minority},
            {'k': 'registered_migrant', 'r': registered_migrant, 'e': e_registered_migrant}] AS pairs,
           [{'w': 'population', 'p': 'adults', 'rw': population, 'ew': e_population, 'rp': adults, 'ep': e_adults},
            {'w': 'registered', 'p': 'registered_women', 'rw': registered, 'ew': e_registered, 'rp': registered_women, 'ep': e_registered_women},
            {'w': 'registered', 'p': 'registered_minority', 'rw': registered, 'ew': e_registered, 'rp': registered_minority, 'ep': e_registered_minority},
            {'w': 'registered', 'p': 'registered_migrant', 'rw': registered, 'ew': e_registered, 'rp': registered_migrant, 'ep': e_registered_migrant},
            {'w': 'registered', 'p': 'voted', 'rw': registered, 'ew': e_registered, 'rp': NULL::INTEGER, 'ep': e_voted}] AS wholes,
           coalesce(e_adults, adults) AS m_adults, coalesce(e_registered, registered) AS m_registered,
           excluded_all, excluded_given, adults IS NOT NULL AS adults_here, registered IS NOT NULL AS registered_here,
           -- the whole-of-parts checks each table's figures alone had when read (checkRegistration)
           adults IS NOT NULL AND r_exclusions > 0 AND r_excluded > adults AS r_over,
           e_adults IS NOT NULL AND e_exclusions > 0 AND e_excluded > e_adults AS e_over,
           adults IS NOT NULL AND registered IS NOT NULL AND r_exclusions = 6 AS r_all,
           e_adults IS NOT NULL AND e_registered IS NOT NULL AND e_exclusions = 6 AS e_all,
           CASE WHEN adults IS NOT NULL THEN 'adults' ELSE first_exclusion END AS over_at,
           CASE WHEN adults IS NOT NULL THEN adults ELSE coalesce(away_home, away_workplace, away_missing, incapable, suspended, deprived) END AS over_value,
           CASE WHEN registered IS NOT NULL THEN 'registered' WHEN adults IS NOT NULL THEN 'adults' ELSE first_exclusion END AS mismatch_at,
           CASE WHEN registered IS NOT NULL THEN registered WHEN adults IS NOT NULL THEN adults
                ELSE coalesce(away_home, away_workplace, away_missing, incapable, suspended, deprived) END AS mismatch_value
    FROM x
),
figures AS (
    SELECT *, unnest(pairs) AS f FROM m
),
parts AS (
    SELECT *, unnest(wholes) AS w FROM m
),
problems AS (
    SELECT 'unmatched' AS kind, r.file_id, r.seq, r.source_sheet, r.source_row, r.county, r.township, r.unit, r.year, r.body,
           NULL AS field, NULL::INTEGER AS value, NULL::INTEGER AS other_file, NULL AS other_sheet,
           NULL::INTEGER AS other_row, NULL AS other_body, NULL AS other_field, NULL::INTEGER AS other_value,
           (SELECT string_agg(DISTINCT e.unit, '、' ORDER BY e.unit) FROM stage_elections e
            WHERE e.county = r.county AND e.township = r.township AND e.year = r.year AND registers(r.body, e.body)) AS names,
           NULL::INTEGER AS adults, NULL::INTEGER AS excluded, NULL::INTEGER AS registered,
           NULL::BOOLEAN AS adults_here, NULL::BOOLEAN AS registered_here
    FROM stage_registration r
    WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.file_id = r.file_id AND m.seq = r.seq)
    UNION ALL
    SELECT DISTINCT ON (file_id, seq) 'duplicate', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           NULL, NULL, first_file, first_sheet, first_row, e_body, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM m
    WHERE nth > 1
    UNION ALL
    SELECT 'conflict', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           f.k, f.r, e_file, e_sheet, e_row, e_body, f.k, f.e, NULL, NULL, NULL, NULL, NULL, NULL
    FROM figures
    WHERE f.r IS NOT NULL AND f.e IS NOT NULL AND f.r <> f.e
    UNION ALL
    SELECT 'part', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           CASE WHEN w.rw IS NOT NULL THEN w.w ELSE w.p END, coalesce(w.rw, w.rp),
           e_file, e_sheet, e_row, e_body,
           CASE WHEN w.rw IS NOT NULL THEN w.p ELSE w.w END, coalesce(w.ep, w.ew), NULL, NULL, NULL, NULL, NULL, NULL
    FROM parts
    WHERE (w.rw IS NOT NULL AND w.ew IS NULL AND w.rp IS NULL AND w.ep IS NOT NULL AND w.ep > w.rw)
       OR (w.rw IS NULL AND w.ew IS NOT NULL AND w.rp IS NOT NULL AND w.ep IS NULL AND w.rp > w.ew)
    UNION ALL
    SELECT 'exclusions', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           over_at, over_value, e_file, e_sheet, e_row, e_body, 'adults', m_adults, NULL,
           m_adults, excluded_given, m_registered, adults_here, registered_here
    FROM m
    WHERE m_adults IS NOT NULL AND excluded_given > m_adults AND NOT r_over AND NOT e_over AND over_at IS NOT NULL
    UNION ALL
    SELECT 'mismatch', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           mismatch_at, mismatch_value, e_file, e_sheet, e_row, e_body, 'registered', m_registered, NULL,
           m_adults, excluded_all, m_registered, adults_here, registered_here
    FROM m
    WHERE excluded_all IS NOT NULL AND m_adults IS NOT NULL AND m_registered IS NOT NULL AND excluded_all <= m_adults
      AND m_adults - excluded_all <> m_registered AND NOT r_all AND NOT e_all AND mismatch_at IS NOT NULL
)
SELECT kind, file_id, source_sheet, source_row, county, township, unit, year, coalesce(body, ''),
       coalesce(field, ''), value, other_file, coalesce(other_sheet, ''), other_row, coalesce(other_body, ''),
       coalesce(other_field, ''), other_value, coalesce(names, ''),
       adults, excluded, registered, coalesce(adults_here, false), coalesce(registered_here, false)
FROM problems
ORDER BY file_id, seq, kind, field, other_file, other_row
