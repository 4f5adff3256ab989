-- Schema v4: 批准剔除 of party elections (党员大会, 党员代表大会, 乡镇党代会): the members or delegates
-- excused from the meeting with the party organisation's approval, who are not counted as due (应到) for
-- the quorum of four fifths. NULL when not given, and for every row loaded before v4.
ALTER TABLE elections ADD COLUMN excused INTEGER;
