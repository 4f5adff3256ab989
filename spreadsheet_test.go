package electsum_test

import (
	"fmt"

	"electsum"
)

func ExampleSpreadsheetText() {
	for _, s := range []string{"=1+2", "@A1", "+cmd|' /C calc'!A0", "-2", "\t=1", "河岭村", ""} {
		fmt.Printf("%q\n", electsum.SpreadsheetText(s))
	}
	// Output:
	// "'=1+2"
	// "'@A1"
	// "'+cmd|' /C calc'!A0"
	// "'-2"
	// "'\t=1"
	// "河岭村"
	// ""
}
