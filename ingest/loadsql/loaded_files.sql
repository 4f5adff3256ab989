-- Which file loaded the rows now in the database, with the townships and years of its rows: a new file
-- of the same name from the same township and year is a resubmission that replaces all of them.
SELECT source_file, township, year FROM elections
UNION
SELECT source_file, township, year FROM members
ORDER BY 1, 2, 3
