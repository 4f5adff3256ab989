package ingest

// DiffReaders is diffReaders for the tests of package ingest_test, which may import synth.
var DiffReaders = diffReaders
