-- The elections the staged rows cover, per table and together, for replace.sql, move.sql, units.sql and the
-- checks inside the load's transaction. Runs inside the load's transaction.
CREATE OR REPLACE TEMP TABLE stage_result_keys AS
    SELECT DISTINCT county, township, unit, year, body FROM stage_elections;
CREATE OR REPLACE TEMP TABLE stage_member_keys AS
    SELECT DISTINCT county, township, unit, year, body FROM stage_members;
CREATE OR REPLACE TEMP TABLE stage_keys AS
    SELECT * FROM stage_result_keys UNION SELECT * FROM stage_member_keys;
