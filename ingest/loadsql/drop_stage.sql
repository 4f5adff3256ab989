DROP TABLE IF EXISTS temp.stage_elections;
DROP TABLE IF EXISTS temp.stage_members;
DROP TABLE IF EXISTS temp.stage_warnings;
DROP TABLE IF EXISTS temp.stage_files;
DROP TABLE IF EXISTS temp.stage_keys;
DROP TABLE IF EXISTS temp.stage_log;
