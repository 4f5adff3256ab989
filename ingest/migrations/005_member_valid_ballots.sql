-- Schema v5: 有效票数 of the ballot that elected a person, when the roster gives it: a person elected in
-- 另行选举 (or on a ballot of their own) was elected over other valid ballots than their election's
-- results row counts, and 赞成票率 and the votes check use theirs. NULL when not given, and for every row
-- loaded before v5.
ALTER TABLE members ADD COLUMN valid_ballots INTEGER;
