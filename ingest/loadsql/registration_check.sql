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
WITH m AS (
    SELECT r.file_id, r.seq, r.source_sheet, r.source_row, r.county, r.township, r.unit, r.year, r.body,
           e.file_id AS e_file, e.seq AS e_seq, e.source_sheet AS e_sheet, e.source_row AS e_row, e.body AS e_body,
           row_number() OVER (PARTITION BY e.file_id, e.seq ORDER BY r.file_id, r.seq) AS nth,
           first_value(r.file_id) OVER (PARTITION BY e.file_id, e.seq ORDER BY r.file_id, r.seq) AS first_file,
           first_value(r.source_sheet) OVER (PARTITION BY e.file_id, e.seq ORDER BY r.file_id, r.seq) AS first_sheet,
           first_value(r.source_row) OVER (PARTITION BY e.file_id, e.seq ORDER BY r.file_id, r.seq) AS first_row,
           [{'k': 'registered', 'r': r.registered, 'e': e.registered},
            {'k': 'population', 'r': r.population, 'e': e.population},
            {'k': 'adults', 'r': r.adults, 'e': e.adults},
            {'k': 'away_home', 'r': r.away_home, 'e': e.away_home},
            {'k': 'away_workplace', 'r': r.away_workplace, 'e': e.away_workplace},
            {'k': 'away_missing', 'r': r.away_missing, 'e': e.away_missing},
            {'k': 'incapable', 'r': r.incapable, 'e': e.incapable},
            {'k': 'suspended', 'r': r.suspended, 'e': e.suspended},
            {'k': 'deprived', 'r': r.deprived, 'e': e.deprived},
            {'k': 'registered_women', 'r': r.registered_women, 'e': e.registered_women},
            {'k': 'registered_minority', 'r': r.registered_minority, 'e': e.registered_minority},
            {'k': 'registered_migrant', 'r': r.registered_migrant, 'e': e.registered_migrant}] AS pairs,
           [{'w': 'population', 'p': 'adults', 'rw': r.population, 'ew': e.population, 'rp': r.adults, 'ep': e.adults},
            {'w': 'registered', 'p': 'registered_women', 'rw': r.registered, 'ew': e.registered, 'rp': r.registered_women, 'ep': e.registered_women},
            {'w': 'registered', 'p': 'registered_minority', 'rw': r.registered, 'ew': e.registered, 'rp': r.registered_minority, 'ep': e.registered_minority},
            {'w': 'registered', 'p': 'registered_migrant', 'rw': r.registered, 'ew': e.registered, 'rp': r.registered_migrant, 'ep': e.registered_migrant},
            {'w': 'registered', 'p': 'voted', 'rw': r.registered, 'ew': e.registered, 'rp': NULL::INTEGER, 'ep': e.voted}] AS wholes
    FROM stage_registration r
    JOIN stage_elections e ON e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year
        AND registers(r.body, e.body)
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
            WHERE e.county = r.county AND e.township = r.township AND e.year = r.year AND registers(r.body, e.body)) AS names
    FROM stage_registration r
    WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.file_id = r.file_id AND m.seq = r.seq)
    UNION ALL
    SELECT DISTINCT ON (file_id, seq) 'duplicate', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           NULL, NULL, first_file, first_sheet, first_row, e_body, NULL, NULL, NULL
    FROM m
    WHERE nth > 1
    UNION ALL
    SELECT 'conflict', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           f.k, f.r, e_file, e_sheet, e_row, e_body, f.k, f.e, NULL
    FROM figures
    WHERE f.r IS NOT NULL AND f.e IS NOT NULL AND f.r <> f.e
    UNION ALL
    SELECT 'part', file_id, seq, source_sheet, source_row, county, township, unit, year, body,
           CASE WHEN w.rw IS NOT NULL THEN w.w ELSE w.p END, coalesce(w.rw, w.rp),
           e_file, e_sheet, e_row, e_body,
           CASE WHEN w.rw IS NOT NULL THEN w.p ELSE w.w END, coalesce(w.ep, w.ew), NULL
    FROM parts
    WHERE (w.rw IS NOT NULL AND w.ew IS NULL AND w.rp IS NULL AND w.ep IS NOT NULL AND w.ep > w.rw)
       OR (w.rw IS NULL AND w.ew IS NOT NULL AND w.rp IS NOT NULL AND w.ep IS NULL AND w.rp > w.ew)
)
SELECT kind, file_id, source_sheet, source_row, county, township, unit, year, coalesce(body, ''),
       coalesce(field, ''), value, other_file, coalesce(other_sheet, ''), other_row, coalesce(other_body, ''),
       coalesce(other_field, ''), other_value, coalesce(names, '')
FROM problems
ORDER BY file_id, seq, kind, field, other_file, other_row
