package ingest

import "embed"

//go:embed loadsql/*.sql
var loadSQL embed.FS

func mustSQL(name string) string {
	b, err := loadSQL.ReadFile("loadsql/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var (
	sqlRegisters           = mustSQL("registers.sql")
	sqlStage               = mustSQL("stage.sql") + sqlRegisters
	sqlDropStage           = mustSQL("drop_stage.sql")
	sqlDropFile            = mustSQL("drop_file.sql")
	sqlCurrentHashes       = mustSQL("current_hashes.sql")
	sqlSpellings           = mustSQL("spellings.sql")
	sqlRespellCandidates   = mustSQL("respell_candidates.sql")
	sqlRespell             = mustSQL("respell.sql")
	sqlRespelled           = mustSQL("respelled.sql")
	sqlPlacesStage         = mustSQL("places_stage.sql")
	sqlPlacesFirst         = mustSQL("places_first.sql")
	sqlPlacesApply         = mustSQL("places_apply.sql")
	sqlPlacesLoaded        = mustSQL("places_loaded.sql")
	sqlStageKeys           = mustSQL("stage_keys.sql")
	sqlHoldsRows           = mustSQL("holds_rows.sql")
	sqlReplace             = mustSQL("replace.sql")
	sqlMove                = mustSQL("move.sql")
	sqlUnits               = mustSQL("units.sql")
	sqlUnitBodies          = mustSQL("unit_bodies.sql")
	sqlUnitBodiesFirst     = mustSQL("unit_bodies_first.sql")
	sqlEmptyUnits          = mustSQL("empty_units.sql")
	sqlLog                 = mustSQL("log.sql")
	sqlInputs              = mustSQL("inputs.sql")
	sqlClearLog            = mustSQL("clear_log.sql")
	sqlPersonClash         = mustSQL("person_clash.sql")
	sqlKeyClashes          = mustSQL("key_clashes.sql")
	sqlLimitMemory         = mustSQL("limit_memory.sql")
	sqlLimitAllocator      = mustSQL("limit_allocator.sql")
	sqlResetMemory         = mustSQL("reset_memory.sql")
	sqlRestoreMemory       = mustSQL("restore_memory.sql")
	sqlThreads             = mustSQL("threads.sql")
	sqlOneThread           = mustSQL("one_thread.sql")
	sqlRestoreThreads      = mustSQL("restore_threads.sql")
	sqlPersonClashes       = mustSQL("person_clashes.sql")
	sqlReplaced            = mustSQL("replaced.sql")
	sqlLoadedFiles         = mustSQL("loaded_files.sql")
	sqlBetweenTables       = mustSQL("between_tables.sql")
	sqlLogSuperseded       = mustSQL("log_superseded.sql")
	sqlMemberDuplicates    = mustSQL("member_duplicates.sql")
	sqlBlankCounties       = mustSQL("blank_counties.sql")
	sqlFillCounty          = mustSQL("fill_county.sql")
	sqlCheckResults        = mustSQL("check_results.sql")
	sqlCheckMembers        = mustSQL("check_members.sql")
	sqlWarningKeys         = mustSQL("warning_keys.sql")
	sqlReadBetween         = mustSQL("read_between.sql")
	sqlStoreBetween        = mustSQL("store_between.sql")
	sqlFirstCheckpoint     = mustSQL("first_checkpoint.sql")
	sqlNoFSST              = mustSQL("no_fsst.sql")
	sqlRegistrationCheck   = mustSQL("registration_check.sql")
	sqlRegistrationMissing = mustSQL("registration_missing.sql")
	sqlRegistrationMerge   = mustSQL("registration_merge.sql")
	sqlRegistrationWarning = mustSQL("registration_warning.sql")
	sqlRegistrationStored  = mustSQL("registration_stored.sql")
	sqlRegistrationUnfill  = mustSQL("registration_unfill.sql")
	sqlRegistrationFill    = mustSQL("registration_fill.sql")
	sqlHoldsRegistrations  = mustSQL("holds_registrations.sql")
)
