-- The counties of the 选民登记 rows a removal takes (remove_select.sql): with those of its elections, a
-- township named without its county must be in one only.
SELECT DISTINCT county FROM remove_registrations ORDER BY 1
