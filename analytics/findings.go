package analytics

// partialShares is one 数据核对 finding per part that only some of a set's people filled in (致富带头人
// of 31 of 54 members): its share is of those people, so the draft prints the count alone and the
// finding gives the drafter both shares.
func partialShares(s *Summary) []Finding {
	var out []Finding
	add := func(b Body, set string, st Structure) {
		whole := st.Total.Current
		if !whole.OK {
			return
		}
		parts := []Part{st.Women, st.PartyMembers, st.Minorities, st.Reelected, st.New, st.WealthLeaders, st.GraduateOfficials}
		parts = append(append(parts, st.AgeBands...), st.Education...)
		for _, p := range parts {
			if !p.Partial || !p.Share.Current.OK || !p.Count.Current.OK || p.Count.Current.V == 0 {
				continue
			}
			out = append(out, Finding{Section: SectionDataCheck, Kind: FindingPartialShare, Body: b, Set: set,
				Part: p, Whole: whole, WholeShare: share(p.Count.Current.Int(), whole.Int())})
		}
	}
	for _, b := range s.Bodies {
		add(b.Body, setMembers, b.Members)
		add(b.Body, setHeads, b.Heads)
		add(b.Body, setNewHeads, b.NewHeads)
	}
	for _, t := range s.TwoCommittees {
		add(Body(t.Kind), setTwoCommittees, t.Persons)
	}
	return out
}
