package gen

import (
	"fmt"
	"sort"
)

type inspectionJSON struct {
	ID         string         `json:"id"`
	Unit       string         `json:"unit"`
	Date       string         `json:"date"`
	Enterprise enterpriseJSON `json:"enterprise"`
	JointWith  []string       `json:"joint_with,omitempty"`
	Type       string         `json:"type"`
}

type enterpriseJSON struct {
	CreditCode string `json:"credit_code"`
	Name       string `json:"name"`
}

type visit struct {
	date  day
	ent   enterprise
	typ   string
	joint string
}

// writeInspections: each enterprise of the unit's own is inspected 1–4 times a year, never twice in
// a quarter (INSP-01) and never more than four times (INSP-03), complaint-driven inspections on top;
// joint inspections with the partner unit are recorded by both, on the same day, each naming the
// other (INSP-02 and INSP-03 count them once). A planted INSP-01 violation is one more inspection of
// an enterprise in a quarter it was already inspected in.
func (g *generator) writeInspections(u *unitPlan) {
	if u.nInsp == 0 {
		return
	}
	r := g.rng(u.idx, streamInspections)
	var qStart [5]day
	for q := 0; q < 4; q++ {
		qStart[q], _ = g.d.at(g.year, 3*q+1, 1)
	}
	qStart[4] = g.dec31 + 1
	var vs []visit
	own := u.nInsp - u.nJoint
	for j := 0; len(vs) < own; j++ {
		left := own - len(vs)
		x := r.IntN(100)
		k := 1
		switch {
		case x >= 92:
			k = 4
		case x >= 78:
			k = 3
		case x >= 50:
			k = 2
		}
		c := 0
		if x := r.IntN(100); x >= 97 {
			c = 2
		} else if x >= 88 {
			c = 1
		}
		plant := false
		if g.on["INSP-01"] && g.rate > 0 {
			plant = r.Float64() < g.rate*float64(k) && k <= 3
		}
		if k+c+b2i(plant) > left {
			plant = false
			c = max(0, min(c, left-k))
			k = min(k, left)
		}
		ent := makeEnterprise(g.o.Seed, u.place, u.idx, j)
		qs := r.Perm(4)[:k]
		for _, q := range qs {
			typ := []string{"random", "random", "random", "special", "special", "other"}[r.IntN(6)]
			vs = append(vs, visit{date: g.d.between(r, qStart[q]+2, qStart[q+1]-3, true), ent: ent, typ: typ})
		}
		if plant {
			first := vs[len(vs)-k]
			q := qs[0]
			d := g.d.between(r, qStart[q]+2, qStart[q+1]-3, true)
			if d == first.date {
				if d+7 < qStart[q+1] {
					d += 7
				} else {
					d -= 7
				}
			}
			vs = append(vs, visit{date: d, ent: ent, typ: []string{"random", "special", "other"}[r.IntN(3)]})
			g.planted["INSP-01"]++
		}
		for i := 0; i < c; i++ {
			vs = append(vs, visit{date: g.d.between(r, g.jan1+3, g.dec31-3, true), ent: ent, typ: "complaint"})
		}
	}
	if u.nJoint > 0 && u.partner >= 0 {
		lo := min(u.idx, u.partner)
		other := g.units[u.partner].id
		rp := g.rng(lo, streamJoint)
		pl := g.units[lo].place
		for e, done := 0, 0; done < u.nJoint; e++ {
			m := min(1+rp.IntN(2), u.nJoint-done)
			ent := makeEnterprise(g.o.Seed, pl, lo, 50000+e)
			for _, q := range rp.Perm(4)[:m] {
				typ := []string{"special", "special", "random"}[rp.IntN(3)]
				vs = append(vs, visit{date: g.d.between(rp, qStart[q]+2, qStart[q+1]-3, true), ent: ent, typ: typ, joint: other})
			}
			done += m
		}
	}
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].date < vs[j].date })
	for i, v := range vs {
		rec := inspectionJSON{ID: fmt.Sprintf("%s-J%05d", u.id, i+1), Unit: u.id, Date: g.d.str(v.date),
			Enterprise: enterpriseJSON{CreditCode: v.ent.code, Name: v.ent.name}, Type: v.typ}
		if v.joint != "" {
			rec.JointWith = []string{v.joint}
		}
		g.out.record("inspection", rec)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
