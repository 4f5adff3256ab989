package annex_test

import (
	"fmt"

	"electsum/reports/annex"
)

func ExampleMaskID() {
	fmt.Println(annex.MaskID("33010219800101123X"))
	fmt.Println(annex.MaskID("3301**********123X"))
	fmt.Println(annex.MaskID("1234"))
	// Output:
	// 3301**********123X
	// 3301**********123X
	// ****
}
