// Package synth generates synthetic election data — counties of townships of villages and communities,
// two or more terms of results and elected members — and writes it as the workbooks townships submit.
//
// The data is realistic enough to exercise every figure of the summary (turnout, 差额, women, age,
// education, 连任, 一肩挑, 交叉任职) and deterministic: the same Config, seed included, gives the same
// World and byte-identical files. The demo, the tests and the benchmarks all use it, at county or
// province scale.
//
// A World holds the rows as the reader should produce them (canonical Simplified values, the fields a
// township's sheet actually carries), so that a test can compare what was written with what was loaded.
// With Config.Messy, townships fill in their sheets the way real ones do — title rows, merged township
// cells, 合计 rows, alias or Traditional headers, shuffled columns, numbers stored as text — and every
// such file must still load without errors.
package synth
