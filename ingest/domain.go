package ingest

import (
	"fmt"
	"strings"

	"electsum"
)

// domainSQL defines, from package electsum, the TEMP macros through which the loader's SQL reads the
// domain, instead of writing its lists of bodies again (analytics/domain.go does the same for the views):
//
//	unit_kind_of(body)  the kind of unit that elects body: 村, 社区, 乡镇, 选区 (electsum.Body.UnitKind)
//	voters_elect(body)  body is elected by the registered voters a 选民登记 table lists (electsum.Body.ByVoters)
var domainSQL = func() string {
	var kinds, voters []string
	for _, b := range electsum.Bodies() {
		name := "'" + strings.ReplaceAll(string(b), "'", "''") + "'"
		kinds = append(kinds, fmt.Sprintf("WHEN %s THEN '%s'", name, b.UnitKind()))
		if b.ByVoters() {
			voters = append(voters, name)
		}
	}
	return fmt.Sprintf("CREATE OR REPLACE TEMP MACRO unit_kind_of(body) AS CASE body %s END;\n"+
		"CREATE OR REPLACE TEMP MACRO voters_elect(body) AS body IN (%s);\n", strings.Join(kinds, " "), strings.Join(voters, ", "))
}()
