DROP TABLE IF EXISTS temp.remove_selection;
DROP MACRO TABLE IF EXISTS temp.remove_rows;
DROP TABLE IF EXISTS temp.remove_elections;
DROP TABLE IF EXISTS temp.remove_members;
DROP TABLE IF EXISTS temp.remove_keys;
DROP TABLE IF EXISTS temp.remove_files;
DROP TABLE IF EXISTS temp.remove_warnings;
DROP TABLE IF EXISTS temp.stage_keys;
