package synth

// Config says how much data to generate and how townships fill in their sheets.
type Config struct {
	Seed               int64
	Counties           int
	TownshipsPerCounty int
	UnitsPerTownship   int
	// CountyNames names the first counties; the others get generated names.
	CountyNames []string
	// Years are the election years, oldest first. Each later term re-elects many people of the one
	// before (same person, same 身份证号, older).
	Years []int
	// Communities is the share of units that are urban communities (社区), electing a 社区党组织 and a
	// 居民委员会 instead of a 村党组织, a 村民委员会 and a 村务监督委员会. Townships named 街道 are mostly
	// communities whatever this share.
	Communities float64
	// Messy makes townships fill in their sheets the way real ones do (title rows, merged cells, 合计
	// rows, alias headers, shuffled columns, numbers as text, left-out optional columns …). Every file
	// still loads without errors.
	Messy bool
	// TraditionalShare is the share of messy townships whose headers and enum values are in Traditional
	// script.
	TraditionalShare float64
}

// County is the demo preset: one county, 示例县, of 12 townships of 15 units, elections in 2021 and 2024,
// messy the way real submissions are.
func County() Config {
	return Config{
		Seed:               2024,
		Counties:           1,
		TownshipsPerCounty: 12,
		UnitsPerTownship:   15,
		CountyNames:        []string{"示例县"},
		Years:              []int{2021, 2024},
		Communities:        0.1,
		Messy:              true,
		TraditionalShare:   0.1,
	}
}

// Province is the benchmark preset: 60 counties × 15 townships × 15 units (13,500 units), two terms,
// about 900 workbooks and several hundred thousand member rows.
func Province() Config {
	c := County()
	c.Counties = 60
	c.TownshipsPerCounty = 15
	c.UnitsPerTownship = 15
	c.CountyNames = nil
	return c
}
