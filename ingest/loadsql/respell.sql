-- A name the database holds keeps its spelling (spellings.sql), whatever this run's files wrote. The
-- staged rows of the others take the settled spelling in every name column (stage_respell), and a
-- member's person_key without 身份证号, made of township, unit and name (electsum.PersonKey:
-- name:township|unit|name|birth), is made again. Executed one statement at a time, once per run.

-- settled_spelling(name)  the spelling name is settled to (stage_respell), else name as it is.
CREATE OR REPLACE TEMP MACRO settled_spelling(name) AS
    coalesce((SELECT settled FROM stage_respell WHERE spelling = name), name);
-- respelled(name)  name is a spelling settleSpellings changes.
CREATE OR REPLACE TEMP MACRO respelled(name) AS name IN (SELECT spelling FROM stage_respell);
DELETE FROM stage_respell
WHERE spelling IN (SELECT county FROM units UNION ALL SELECT township FROM units UNION ALL SELECT unit FROM units
                   UNION ALL SELECT county FROM elections UNION ALL SELECT township FROM elections
                   UNION ALL SELECT unit FROM elections UNION ALL SELECT name FROM members);
UPDATE stage_elections
SET county = settled_spelling(county), township = settled_spelling(township), unit = settled_spelling(unit)
WHERE respelled(county) OR respelled(township) OR respelled(unit);
UPDATE stage_registration
SET county = settled_spelling(county), township = settled_spelling(township), unit = settled_spelling(unit)
WHERE respelled(county) OR respelled(township) OR respelled(unit);
UPDATE stage_members
SET person_key = CASE WHEN person_key LIKE 'name:%'
        THEN 'name:' || settled_spelling(township)
             || '|' || settled_spelling(unit)
             || '|' || settled_spelling(name)
             || '|' || regexp_extract(person_key, '[^|]*$')
        ELSE person_key END,
    county = settled_spelling(county), township = settled_spelling(township), unit = settled_spelling(unit),
    name = settled_spelling(name)
WHERE respelled(county) OR respelled(township) OR respelled(unit) OR respelled(name);
UPDATE stage_warnings
SET county = settled_spelling(county), township = settled_spelling(township), unit = settled_spelling(unit)
WHERE respelled(county) OR respelled(township) OR respelled(unit);
