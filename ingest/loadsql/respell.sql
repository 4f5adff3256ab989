-- A name the database holds keeps its spelling (spellings.sql), whatever this run's files wrote. The
-- staged rows of the others take the settled spelling in every name column (stage_respell), and a
-- member's person_key without 身份证号, made of township, unit and name (electsum.PersonKey:
-- name:township|unit|name|birth), is made again. Executed one statement at a time, once per run.
DELETE FROM stage_respell
WHERE spelling IN (SELECT county FROM units UNION ALL SELECT township FROM units UNION ALL SELECT unit FROM units
                   UNION ALL SELECT county FROM elections UNION ALL SELECT township FROM elections
                   UNION ALL SELECT unit FROM elections UNION ALL SELECT name FROM members);
UPDATE stage_elections
SET county = coalesce((SELECT settled FROM stage_respell WHERE spelling = county), county),
    township = coalesce((SELECT settled FROM stage_respell WHERE spelling = township), township),
    unit = coalesce((SELECT settled FROM stage_respell WHERE spelling = unit), unit)
WHERE county IN (SELECT spelling FROM stage_respell) OR township IN (SELECT spelling FROM stage_respell)
   OR unit IN (SELECT spelling FROM stage_respell);
UPDATE stage_members
SET person_key = CASE WHEN person_key LIKE 'name:%'
        THEN 'name:' || coalesce((SELECT settled FROM stage_respell WHERE spelling = township), township)
             || '|' || coalesce((SELECT settled FROM stage_respell WHERE spelling = unit), unit)
             || '|' || coalesce((SELECT settled FROM stage_respell WHERE spelling = name), name)
             || '|' || regexp_extract(person_key, '[^|]*$')
        ELSE person_key END,
    county = coalesce((SELECT settled FROM stage_respell WHERE spelling = county), county),
    township = coalesce((SELECT settled FROM stage_respell WHERE spelling = township), township),
    unit = coalesce((SELECT settled FROM stage_respell WHERE spelling = unit), unit),
    name = coalesce((SELECT settled FROM stage_respell WHERE spelling = name), name)
WHERE county IN (SELECT spelling FROM stage_respell) OR township IN (SELECT spelling FROM stage_respell)
   OR unit IN (SELECT spelling FROM stage_respell) OR name IN (SELECT spelling FROM stage_respell);
UPDATE stage_warnings
SET county = coalesce((SELECT settled FROM stage_respell WHERE spelling = county), county),
    township = coalesce((SELECT settled FROM stage_respell WHERE spelling = township), township),
    unit = coalesce((SELECT settled FROM stage_respell WHERE spelling = unit), unit)
WHERE county IN (SELECT spelling FROM stage_respell) OR township IN (SELECT spelling FROM stage_respell)
   OR unit IN (SELECT spelling FROM stage_respell);
