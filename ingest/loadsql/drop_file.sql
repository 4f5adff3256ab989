-- Forget the staged rows of one file rejected after it was staged. Executed one statement at a time.
DELETE FROM stage_elections WHERE file_id = $1;
DELETE FROM stage_members WHERE file_id = $1;
DELETE FROM stage_registration WHERE file_id = $1;
DELETE FROM stage_warnings WHERE file_id = $1;
DELETE FROM stage_files WHERE file_id = $1;
DELETE FROM stage_superseded WHERE file_id = $1;
