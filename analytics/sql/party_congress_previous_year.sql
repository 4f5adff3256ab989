-- The latest year before the given one with a township party congress election in the scope (NULL when
-- none). Parameters: year, county, township, each twice ('' means all).
SELECT max(year) FROM elections
WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表') AND year < ?
  AND (? = '' OR county = ?) AND (? = '' OR township = ?)
