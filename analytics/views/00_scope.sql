-- The scope of a figure and the parts it is split into, defined once for every figure macro (02–08) and
-- the queries of analytics/sql.
--
-- in_place(in_county, in_township, in_unit, county, township, unit)  the row's place (county, township,
-- unit) is in the scope in_county, in_township, in_unit ('' means all).
CREATE OR REPLACE MACRO in_place(in_county, in_township, in_unit, county, township, unit) AS
    (in_county = '' OR county = in_county)
    AND (in_township = '' OR township = in_township)
    AND (in_unit = '' OR unit = in_unit);
--
-- in_scope(first_year, second_year, in_county, in_township, in_unit, year, county, township, unit)
-- the row (year, county, township, unit) is of the year first_year or second_year (first_year NULL:
-- every year) and in the scope in_county, in_township, in_unit ('' means all).
CREATE OR REPLACE MACRO in_scope(first_year, second_year, in_county, in_township, in_unit, year, county, township, unit) AS
    (first_year IS NULL OR year IN (first_year, second_year))
    AND in_place(in_county, in_township, in_unit, county, township, unit);

-- part_name(level, depth, name)  the name a row gives to its part when a scope is split at level
-- 'county', 'township' or 'unit': name for the columns down to that level (depth 1 county, 2
-- township, 3 unit), '' below it; '' for any other level (the whole scope). A figure macro takes a
-- list of levels (by_levels) and gives the rows of every level in one query, each with its level.
CREATE OR REPLACE MACRO part_name(level, depth, name) AS
    CASE WHEN coalesce(list_position(['county', 'township', 'unit'], level), 0) >= depth THEN name ELSE '' END;
