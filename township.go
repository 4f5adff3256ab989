package electsum

import "strings"

// Subdistrict reports whether a township (乡镇(街道)) is a 街道, an urban subdistrict, by its name. A draft
// says 乡镇（街道） only where its scope holds one: a rural county's office writes 乡镇.
func Subdistrict(township string) bool { return strings.HasSuffix(township, "街道") }
