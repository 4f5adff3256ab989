-- What is wrong with the 选民登记 rows against the results rows of their places (registers in
-- registers.sql), before registration_merge.sql keeps them and registration_fill.sql gives their figures,
-- whichever table was loaded first: the run's rows (stage_registration, stage_elections) against each other
-- and against the rows of earlier loads the run leaves in place (stored_registrations, stored_elections,
-- registration_stored.sql). A pair of stored rows was checked when the later of them was loaded.
-- registration.go words the messages. One row per problem, kind:
--   unmatched  a staged 选民登记 row whose township and year have results rows (staged or stored) of the
--              elections it registers, none at its 选区; names: the 选区 they name
--   waiting    a staged 选民登记 row whose township and year have no such results row yet (a notice: it is
--              kept, and given to them when they are loaded)
--   duplicate  a staged 选民登记 row for a place, year and level an earlier or stored 选民登记 row (other_*)
--              also registers
--   conflict   a figure both tables give, differently
--   part       a part larger than its whole, one given by each table (the other blank there), or more
--              voted than the 选民登记 table registered
--   exclusions those not registered in the 选区 (回户籍地参选 … 被剥夺选举权利) add up to more than 18周岁以上人口,
--              the figures taken from both tables (either alone was checked when read): adults and excluded
--              the figures
--   mismatch   a warning: 18周岁以上人口 less those not registered is not 登记选民, every figure given by one
--              table or the other and neither table giving them all; adults, excluded and registered the
--              figures
--   completed  a notice: the staged rows of a file were merged with stored rows of another (other_source),
--              at the 选区 names lists
-- The problem is the staged row's: the 选民登记 row's when it is staged (side 'registration'), else the
-- results row's (side 'results'); field and value are its cell's, other_* the other table's row (other_file
-- the run's file, or other_source a stored row's file). adults_here and registered_here say whether the
-- row at fault gave 18周岁以上人口 and 登记选民.
WITH regs AS (
    SELECT file_id, seq, NULL::VARCHAR AS source, source_sheet, source_row, county, township, unit, year, body,
           registered, population, adults, away_home, away_workplace, away_missing, incapable, suspended, deprived,
           registered_women, registered_minority, registered_migrant
    FROM stage_registration
    UNION ALL
    SELECT NULL, NULL, source_file, source_sheet, source_row, county, township, unit, year, body,
           registered, population, adults, away_home, away_workplace, away_missing, incapable, suspended, deprived,
           registered_women, registered_minority, registered_migrant
    FROM stored_registrations
),
elecs AS (
    SELECT file_id, seq, NULL::VARCHAR AS source, source_sheet, source_row, county, township, unit, year, body,
           registered, population, adults, away_home, away_workplace, away_missing, incapable, suspended, deprived,
           registered_women, registered_minority, registered_migrant, voted
    FROM stage_elections
    UNION ALL
    SELECT NULL, NULL, source_file, source_sheet, source_row, county, township, unit, year, body,
           registered, population, adults, away_home, away_workplace, away_missing, incapable, suspended, deprived,
           registered_women, registered_minority, registered_migrant, voted
    FROM stored_elections
),
m0 AS (
    SELECT r.*, r.file_id IS NOT NULL AS reg_here,
           e.file_id AS e_file, e.source AS e_source, e.source_sheet AS e_sheet, e.source_row AS e_row, e.body AS e_body,
           e.registered AS e_registered, e.population AS e_population, e.adults AS e_adults, e.away_home AS e_away_home,
           e.away_workplace AS e_away_workplace, e.away_missing AS e_away_missing, e.incapable AS e_incapable,
           e.suspended AS e_suspended, e.deprived AS e_deprived, e.registered_women AS e_registered_women,
           e.registered_minority AS e_registered_minority, e.registered_migrant AS e_registered_migrant, e.voted AS e_voted
    FROM regs r
    JOIN elecs e ON e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year
        AND registers(r.body, e.body)
    WHERE r.file_id IS NOT NULL OR e.file_id IS NOT NULL
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
                WHEN suspended IS NOT NULL THEN 'suspended' WHEN deprived IS NOT NULL THEN 'deprived' END AS r_first_exclusion,
           CASE WHEN e_away_home IS NOT NULL THEN 'away_home' WHEN e_away_workplace IS NOT NULL THEN 'away_workplace'
                WHEN e_away_missing IS NOT NULL THEN 'away_missing' WHEN e_incapable IS NOT NULL THEN 'incapable'
                WHEN e_suspended IS NOT NULL THEN 'suspended' WHEN e_deprived IS NOT NULL THEN 'deprived' END AS e_first_exclusion
    FROM m0
),
m AS (
    SELECT county, township, unit, year, reg_here,
           -- the row at fault (here) and the other
           CASE WHEN reg_here THEN file_id ELSE e_file END AS h_file,
           CASE WHEN reg_here THEN seq ELSE NULL END AS h_seq,
           CASE WHEN reg_here THEN source_sheet ELSE e_sheet END AS h_sheet,
           CASE WHEN reg_here THEN source_row ELSE e_row END AS h_row,
           CASE WHEN reg_here THEN body ELSE e_body END AS h_body,
           CASE WHEN reg_here THEN e_file ELSE NULL END AS o_file,
           CASE WHEN reg_here THEN e_source ELSE source END AS o_source,
           CASE WHEN reg_here THEN e_sheet ELSE source_sheet END AS o_sheet,
           CASE WHEN reg_here THEN e_row ELSE source_row END AS o_row,
           CASE WHEN reg_here THEN e_body ELSE body END AS o_body,
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
           excluded_all, excluded_given,
           CASE WHEN reg_here THEN adults ELSE e_adults END IS NOT NULL AS adults_here,
           CASE WHEN reg_here THEN registered ELSE e_registered END IS NOT NULL AS registered_here,
           -- the whole-of-parts checks each table's figures alone had when read (checkRegistration)
           adults IS NOT NULL AND r_exclusions > 0 AND r_excluded > adults AS r_over,
           e_adults IS NOT NULL AND e_exclusions > 0 AND e_excluded > e_adults AS e_over,
           adults IS NOT NULL AND registered IS NOT NULL AND r_exclusions = 6 AS r_all,
           e_adults IS NOT NULL AND e_registered IS NOT NULL AND e_exclusions = 6 AS e_all,
           -- the cell at fault: the row's 18周岁以上人口, else its first exclusion (exclusions); its 登记选民,
           -- else those (mismatch)
           CASE WHEN reg_here THEN (CASE WHEN adults IS NOT NULL THEN 'adults' ELSE r_first_exclusion END)
                ELSE (CASE WHEN e_adults IS NOT NULL THEN 'adults' ELSE e_first_exclusion END) END AS over_at,
           CASE WHEN reg_here THEN (CASE WHEN registered IS NOT NULL THEN 'registered' WHEN adults IS NOT NULL THEN 'adults' ELSE r_first_exclusion END)
                ELSE (CASE WHEN e_registered IS NOT NULL THEN 'registered' WHEN e_adults IS NOT NULL THEN 'adults' ELSE e_first_exclusion END) END AS mismatch_at,
           CASE WHEN reg_here THEN (CASE WHEN adults IS NOT NULL THEN adults
                                         ELSE coalesce(away_home, away_workplace, away_missing, incapable, suspended, deprived) END)
                ELSE (CASE WHEN e_adults IS NOT NULL THEN e_adults
                           ELSE coalesce(e_away_home, e_away_workplace, e_away_missing, e_incapable, e_suspended, e_deprived) END) END AS over_value,
           CASE WHEN reg_here THEN coalesce(registered, adults, away_home, away_workplace, away_missing, incapable, suspended, deprived)
                ELSE coalesce(e_registered, e_adults, e_away_home, e_away_workplace, e_away_missing, e_incapable, e_suspended, e_deprived) END AS mismatch_value
    FROM x
),
figures AS (
    SELECT *, unnest(pairs) AS f FROM m
),
parts AS (
    SELECT *, unnest(wholes) AS w FROM m
),
-- the 选区 of each township and year in the results rows, staged or stored, per election a 选民登记 row of
-- a level (or of none) registers
places AS (
    SELECT r.file_id, r.seq, string_agg(DISTINCT e.unit, '、' ORDER BY e.unit) AS names
    FROM regs r
    JOIN elecs e ON e.county = r.county AND e.township = r.township AND e.year = r.year AND registers(r.body, e.body)
    WHERE r.file_id IS NOT NULL
    GROUP BY r.file_id, r.seq
),
unmatched AS (
    SELECT r.*, p.names
    FROM regs r
    LEFT JOIN places p ON p.file_id = r.file_id AND p.seq = r.seq
    WHERE r.file_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM m0 WHERE m0.file_id = r.file_id AND m0.seq = r.seq)
),
duplicates AS (
    SELECT a.file_id, a.seq, a.source_sheet, a.source_row, a.county, a.township, a.unit, a.year, a.body,
           b.file_id AS o_file, b.source AS o_source, b.source_sheet AS o_sheet, b.source_row AS o_row, b.body AS o_body
    FROM regs a
    JOIN regs b ON b.county = a.county AND b.township = a.township AND b.unit = a.unit AND b.year = a.year
        AND (b.file_id IS NULL OR b.file_id < a.file_id OR b.file_id = a.file_id AND b.seq < a.seq)
        AND (a.body IS NOT DISTINCT FROM b.body OR a.body IS NULL AND registers(NULL, b.body) OR b.body IS NULL AND registers(NULL, a.body))
    WHERE a.file_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY a.file_id, a.seq ORDER BY b.file_id NULLS FIRST, b.seq, b.source, b.source_row) = 1
),
completed AS (
    SELECT CASE WHEN r.file_id IS NOT NULL THEN 'registration' ELSE 'results' END AS side,
           CASE WHEN r.file_id IS NOT NULL THEN r.file_id ELSE e.file_id END AS file_id,
           CASE WHEN r.file_id IS NOT NULL THEN e.source ELSE r.source END AS o_source,
           r.county, r.township, r.year,
           string_agg(DISTINCT r.unit, '、' ORDER BY r.unit) AS names
    FROM regs r
    JOIN elecs e ON e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year
        AND registers(r.body, e.body)
    WHERE (r.file_id IS NULL) <> (e.file_id IS NULL)
    GROUP BY ALL
),
problems AS (
    SELECT 'unmatched' AS kind, 'registration' AS side, file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           NULL AS field, NULL::INTEGER AS value, NULL::INTEGER AS other_file, NULL AS other_source, NULL AS other_sheet,
           NULL::INTEGER AS other_row, NULL AS other_body, NULL AS other_field, NULL::INTEGER AS other_value, names,
           NULL::INTEGER AS adults, NULL::INTEGER AS excluded, NULL::INTEGER AS registered,
           NULL::BOOLEAN AS adults_here, NULL::BOOLEAN AS registered_here
    FROM unmatched
    WHERE names IS NOT NULL
    UNION ALL
    SELECT 'waiting', 'registration', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM unmatched
    WHERE names IS NULL
    UNION ALL
    SELECT 'duplicate', 'registration', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           NULL, NULL, o_file, o_source, o_sheet, o_row, o_body, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM duplicates
    UNION ALL
    SELECT 'conflict', CASE WHEN reg_here THEN 'registration' ELSE 'results' END, h_file, h_seq, h_sheet, h_row,
           county, township, unit, year, h_body,
           f.k, CASE WHEN reg_here THEN f.r ELSE f.e END, o_file, o_source, o_sheet, o_row, o_body, f.k,
           CASE WHEN reg_here THEN f.e ELSE f.r END, NULL, NULL, NULL, NULL, NULL, NULL
    FROM figures
    WHERE f.r IS NOT NULL AND f.e IS NOT NULL AND f.r <> f.e
    UNION ALL
    SELECT 'part', CASE WHEN reg_here THEN 'registration' ELSE 'results' END, h_file, h_seq, h_sheet, h_row,
           county, township, unit, year, h_body,
           CASE WHEN (w.rw IS NOT NULL) = reg_here THEN w.w ELSE w.p END,
           CASE WHEN reg_here THEN coalesce(w.rw, w.rp) ELSE coalesce(w.ep, w.ew) END,
           o_file, o_source, o_sheet, o_row, o_body,
           CASE WHEN (w.rw IS NOT NULL) = reg_here THEN w.p ELSE w.w END,
           CASE WHEN reg_here THEN coalesce(w.ep, w.ew) ELSE coalesce(w.rw, w.rp) END, NULL, NULL, NULL, NULL, NULL, NULL
    FROM parts
    WHERE (w.rw IS NOT NULL AND w.ew IS NULL AND w.rp IS NULL AND w.ep IS NOT NULL AND w.ep > w.rw)
       OR (w.rw IS NULL AND w.ew IS NOT NULL AND w.rp IS NOT NULL AND w.ep IS NULL AND w.rp > w.ew)
    UNION ALL
    SELECT 'exclusions', CASE WHEN reg_here THEN 'registration' ELSE 'results' END, h_file, h_seq, h_sheet, h_row,
           county, township, unit, year, h_body,
           over_at, over_value, o_file, o_source, o_sheet, o_row, o_body, 'adults', m_adults, NULL,
           m_adults, excluded_given, m_registered, adults_here, registered_here
    FROM m
    WHERE m_adults IS NOT NULL AND excluded_given > m_adults AND NOT r_over AND NOT e_over AND over_at IS NOT NULL
    UNION ALL
    SELECT 'mismatch', CASE WHEN reg_here THEN 'registration' ELSE 'results' END, h_file, h_seq, h_sheet, h_row,
           county, township, unit, year, h_body,
           mismatch_at, mismatch_value, o_file, o_source, o_sheet, o_row, o_body, 'registered', m_registered, NULL,
           m_adults, excluded_all, m_registered, adults_here, registered_here
    FROM m
    WHERE excluded_all IS NOT NULL AND m_adults IS NOT NULL AND m_registered IS NOT NULL AND excluded_all <= m_adults
      AND m_adults - excluded_all <> m_registered AND NOT r_all AND NOT e_all AND mismatch_at IS NOT NULL
    UNION ALL
    SELECT 'completed', side, file_id, NULL, NULL, NULL, county, township, NULL, year, NULL,
           NULL, NULL, NULL, o_source, NULL, NULL, NULL, NULL, NULL, names, NULL, NULL, NULL, NULL, NULL
    FROM completed
)
SELECT kind, side, file_id, coalesce(source_sheet, ''), coalesce(source_row, 0), county, township, coalesce(unit, ''), year,
       coalesce(body, ''), coalesce(field, ''), value, other_file, coalesce(other_source, ''), coalesce(other_sheet, ''),
       other_row, coalesce(other_body, ''), coalesce(other_field, ''), other_value, coalesce(names, ''),
       adults, excluded, registered, coalesce(adults_here, false), coalesce(registered_here, false)
FROM problems
ORDER BY file_id, seq NULLS LAST, source_row, kind, field, other_file, other_source, other_row
