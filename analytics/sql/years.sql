-- Every election year with data, newest first.
SELECT DISTINCT year FROM (SELECT year FROM elections UNION ALL SELECT year FROM members)
ORDER BY year DESC
