-- Which file loaded the rows now in the database, with the counties, townships and years of its rows:
-- a new file of the same name from the same township (of the same county) and year is a resubmission
-- that replaces all of them.
SELECT source_file, county, township, year FROM elections
UNION
SELECT source_file, county, township, year FROM members
ORDER BY 1, 2, 3, 4
