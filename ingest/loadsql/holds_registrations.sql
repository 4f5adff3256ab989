-- Whether the database holds 选民登记 rows (registrations): the checks and the merge of a load without
-- any need them only then.
SELECT EXISTS (SELECT 1 FROM registrations)
