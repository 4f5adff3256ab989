-- Give each results row of the run the figures of the 选民登记 row of its place (registers in
-- stage.sql) that it leaves blank; a figure both give is the same in both (registration_check.sql
-- refused the files where it is not, and a results row with two registration rows). Runs inside the
-- load's transaction, before move.sql, so that a run rolled back leaves the staged rows as read.
UPDATE stage_elections e
SET registered = coalesce(e.registered, r.registered),
    constituency_no = coalesce(e.constituency_no, r.constituency_no),
    population = coalesce(e.population, r.population),
    adults = coalesce(e.adults, r.adults),
    away_home = coalesce(e.away_home, r.away_home),
    away_workplace = coalesce(e.away_workplace, r.away_workplace),
    away_missing = coalesce(e.away_missing, r.away_missing),
    incapable = coalesce(e.incapable, r.incapable),
    suspended = coalesce(e.suspended, r.suspended),
    deprived = coalesce(e.deprived, r.deprived),
    registered_women = coalesce(e.registered_women, r.registered_women),
    registered_minority = coalesce(e.registered_minority, r.registered_minority),
    registered_migrant = coalesce(e.registered_migrant, r.registered_migrant)
FROM stage_registration r
WHERE e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year
    AND registers(r.body, e.body);
