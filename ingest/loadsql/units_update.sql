-- The end of units.sql's statement when the database may hold units already: a unit there has its kind
-- set again.
ON CONFLICT (county, township, unit) DO UPDATE SET kind = excluded.kind;
