-- Every results row takes, from the 选民登记 row of its place (registers), the figures it leaves blank, and
-- notes them in registration_fields (so that they can be given back: registration_unfill.sql). Rows that
-- leave none blank, or were filled before, are not touched. After registration_merge.sql and
-- registration_unfill.sql, inside the load's transaction.
UPDATE elections e
SET registration_fields = list_concat(coalesce(e.registration_fields, []::VARCHAR[]), f.fields),
    registered = coalesce(e.registered, f.registered),
    constituency_no = coalesce(e.constituency_no, f.constituency_no),
    population = coalesce(e.population, f.population),
    adults = coalesce(e.adults, f.adults),
    away_home = coalesce(e.away_home, f.away_home),
    away_workplace = coalesce(e.away_workplace, f.away_workplace),
    away_missing = coalesce(e.away_missing, f.away_missing),
    incapable = coalesce(e.incapable, f.incapable),
    suspended = coalesce(e.suspended, f.suspended),
    deprived = coalesce(e.deprived, f.deprived),
    registered_women = coalesce(e.registered_women, f.registered_women),
    registered_minority = coalesce(e.registered_minority, f.registered_minority),
    registered_migrant = coalesce(e.registered_migrant, f.registered_migrant)
FROM (
    -- fields: the figures the results row leaves blank and the 选民登记 row gives, in the order above
    SELECT e.rowid AS election_row, r.*,
           list_filter([
               CASE WHEN e.registered IS NULL AND r.registered IS NOT NULL THEN 'registered' END,
               CASE WHEN e.constituency_no IS NULL AND r.constituency_no IS NOT NULL THEN 'constituency_no' END,
               CASE WHEN e.population IS NULL AND r.population IS NOT NULL THEN 'population' END,
               CASE WHEN e.adults IS NULL AND r.adults IS NOT NULL THEN 'adults' END,
               CASE WHEN e.away_home IS NULL AND r.away_home IS NOT NULL THEN 'away_home' END,
               CASE WHEN e.away_workplace IS NULL AND r.away_workplace IS NOT NULL THEN 'away_workplace' END,
               CASE WHEN e.away_missing IS NULL AND r.away_missing IS NOT NULL THEN 'away_missing' END,
               CASE WHEN e.incapable IS NULL AND r.incapable IS NOT NULL THEN 'incapable' END,
               CASE WHEN e.suspended IS NULL AND r.suspended IS NOT NULL THEN 'suspended' END,
               CASE WHEN e.deprived IS NULL AND r.deprived IS NOT NULL THEN 'deprived' END,
               CASE WHEN e.registered_women IS NULL AND r.registered_women IS NOT NULL THEN 'registered_women' END,
               CASE WHEN e.registered_minority IS NULL AND r.registered_minority IS NOT NULL THEN 'registered_minority' END,
               CASE WHEN e.registered_migrant IS NULL AND r.registered_migrant IS NOT NULL THEN 'registered_migrant' END],
               x -> x IS NOT NULL) AS fields
    FROM elections e
    JOIN registrations r
      ON e.county = r.county AND e.township = r.township AND e.unit = r.unit AND e.year = r.year
     AND registers(r.body, e.body)
) f
WHERE e.rowid = f.election_row AND len(f.fields) > 0;
