// Package electsum is the domain of electsum, shared by ingest, analytics and reports: the bodies an
// election fills (Body) and their positions (Position), the kind of unit that elects them, the one rule
// that says two member rows are the same person (SamePerson) and a person's age at an election
// (ExactBirth, AgeAt), the masking of 身份证号 (MaskID), the one rounding policy (Round, Rounding) and
// the rules of every file electsum writes (Output; SpreadsheetText for text in a CSV).
//
// It holds no state and imports no other package of the module, so every package can import it (as
// benbjohnson/wtf keeps its domain in package wtf). The SQL forms of the person rules are the macros
// in analytics/sql/person.sql; TestPersonSQL checks that they agree with this package.
package electsum
