package ingest

import (
	"time"

	"electsum"
)

// person is what the row says about who the member is, for the identity rule and the age at an
// election held on at (see electsum.ElectionDate).
func (m *Member) person(at time.Time) electsum.Person {
	p := electsum.Person{IDNumber: m.IDNumber, Name: m.Name, Election: at}
	if m.Birth != nil {
		p.Birth = *m.Birth
	}
	if m.Age != nil {
		p.Age = *m.Age
	}
	return p
}

// personKey is members.person_key of the row (electsum.PersonKey).
func personKey(m *Member) string {
	return electsum.PersonKey(m.Township, m.Unit, m.person(time.Time{}))
}
