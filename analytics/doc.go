// Package analytics turns the tables that ingest loads into the figures of an election summary: turnout,
// seats, member structure, 一肩挑 and 交叉任职, change versus the previous term, and legal checks.
//
// Everything is computed in SQL (embedded .sql files installed as views in the database, so analysts see
// the same definitions) and returned as one typed model, Summary, which reports and annexes consume.
package analytics
