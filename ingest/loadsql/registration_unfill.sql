-- The results rows listed in unfill_elections give back the figures a 选民登记 row gave them
-- (registration_fields), as that row goes: removed, superseded or replaced. Inside the transaction of a
-- load (registration_merge.sql) or a removal (remove.sql).
UPDATE elections e
SET registered = own_figure(e.registration_fields, 'registered', e.registered),
    constituency_no = own_figure(e.registration_fields, 'constituency_no', e.constituency_no),
    population = own_figure(e.registration_fields, 'population', e.population),
    adults = own_figure(e.registration_fields, 'adults', e.adults),
    away_home = own_figure(e.registration_fields, 'away_home', e.away_home),
    away_workplace = own_figure(e.registration_fields, 'away_workplace', e.away_workplace),
    away_missing = own_figure(e.registration_fields, 'away_missing', e.away_missing),
    incapable = own_figure(e.registration_fields, 'incapable', e.incapable),
    suspended = own_figure(e.registration_fields, 'suspended', e.suspended),
    deprived = own_figure(e.registration_fields, 'deprived', e.deprived),
    registered_women = own_figure(e.registration_fields, 'registered_women', e.registered_women),
    registered_minority = own_figure(e.registration_fields, 'registered_minority', e.registered_minority),
    registered_migrant = own_figure(e.registration_fields, 'registered_migrant', e.registered_migrant),
    registration_fields = NULL
FROM unfill_elections u
WHERE e.county = u.county AND e.township = u.township AND e.unit = u.unit AND e.year = u.year AND e.body = u.body;
