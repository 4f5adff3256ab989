-- Forget the staged rows of one file that was rejected after it had been staged.
DELETE FROM stage_elections WHERE file_id = $1;
DELETE FROM stage_members WHERE file_id = $1;
DELETE FROM stage_warnings WHERE file_id = $1;
DELETE FROM stage_files WHERE file_id = $1;
