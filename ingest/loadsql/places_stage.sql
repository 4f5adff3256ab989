-- The places of rosters and 选民登记 rows that matchPlaces reads as the places of the results rows
-- (places.go), one row each, i their index: $1 file, $2 county, $3 township, $4 unit and $5 year as the
-- rows are staged, $6 and $7 the township and unit they are read as (the same for a place left as written
-- that could be one of several: place_ambiguous), in the same order.
CREATE OR REPLACE TEMP TABLE stage_places AS
SELECT unnest(range(len($1::INTEGER[]))) AS i, unnest($1::INTEGER[]) AS file_id, unnest($2::VARCHAR[]) AS county,
       unnest($3::VARCHAR[]) AS township, unnest($4::VARCHAR[]) AS unit, unnest($5::INTEGER[]) AS year,
       unnest($6::VARCHAR[]) AS to_township, unnest($7::VARCHAR[]) AS to_unit
