package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// unitPlan is everything about a unit that more than one pass needs, decided once from the seed:
// who it is and how many records of each kind it gets. It is small (the plan of a 5,000,000-record
// export is 5,000 of these); the records themselves are derived again in each pass.
type unitPlan struct {
	idx         int
	id          string
	typ         string // department, town, judicial_bureau, other
	name        string
	short       string // document-number prefix, e.g. 启市监
	field       string // 执法领域, for discretion benchmarks
	place       place
	office      bool // has a 执法监督科
	budget      int  // records of the unit, its unit record not counted
	nOff        int
	nCase       int
	nInsp       int // inspections, joint ones included
	nJoint      int // inspections recorded jointly with the partner unit
	partner     int // the unit of the joint inspections, -1 for none
	nSub        int
	nInc        int
	nClue       int
	subLimit    int  // submissions kept when the budget cannot hold them all (tiny exports), -1 = all
	noReviewers bool // QUAL-05 planted: no legal reviewer
}

func (u *unitPlan) size() int { return u.budget }

// unitsPerPlace is how many units a county-level place holds before the next place begins.
const unitsPerPlace = 40

// unitCount: about one unit per 1,000 records, and at least 8 (one judicial bureau, departments and
// towns) once there are 1,600 records.
func unitCount(n int) int {
	u := (n + 999) / 1000
	if small := min(8, n/200); small > u {
		u = small
	}
	return max(u, 1)
}

func (g *generator) plan() {
	n := g.o.Records
	nu := unitCount(n)
	r := rand.New(rand.NewPCG(g.o.Seed, mix(0xC0FFEE)))
	g.units = make([]*unitPlan, nu)
	// weights in integers (so budgets do not depend on floating point): departments vary most, a
	// large one about three times the average unit; bureaus and development zones are small
	weights := make([]int64, nu)
	var total int64
	for i := range g.units {
		u := g.identity(i, nu)
		g.units[i] = u
		cube := func() int64 { x := int64(r.IntN(100)); return x * x * x }
		var w int64
		switch u.typ {
		case "judicial_bureau":
			w = 30
		case "department":
			w = 35 + int64(r.IntN(60)) + cube()/4000
		case "town":
			w = 30 + int64(r.IntN(50)) + cube()/6000
		default:
			w = 35
		}
		weights[i] = w
		total += w
	}
	rest := n - nu
	given := 0
	for i, u := range g.units {
		u.budget = int(int64(rest) * weights[i] / total)
		given += u.budget
	}
	for i := 0; given < rest; i = (i + 1) % nu {
		g.units[i].budget++
		given++
	}
	for _, u := range g.units {
		g.size(u)
	}
	// joint inspections between neighbouring units (odd index with the next), both inspecting
	for i := 1; i+1 < nu; i += 2 {
		a, b := g.units[i], g.units[i+1]
		if a.typ == "judicial_bureau" || b.typ == "judicial_bureau" || a.nInsp < 12 || b.nInsp < 12 {
			continue
		}
		j := int(math.Round(0.04 * float64(min(a.nInsp, b.nInsp))))
		if j == 0 {
			continue
		}
		a.nJoint, b.nJoint = j, j
		a.partner, b.partner = b.idx, a.idx
	}
}

// identity names unit i: slot 0 of every place is its judicial bureau, then departments and towns
// alternate, with two development-zone committees (type other).
func (g *generator) identity(i, nu int) *unitPlan {
	p, slot := i/unitsPerPlace, i%unitsPerPlace
	pl := g.placeOf(p)
	u := &unitPlan{idx: i, id: fmt.Sprintf("U%05d", i+1), place: pl, partner: -1, subLimit: -1}
	if nu >= 3 && slot == 0 {
		u.typ, u.name, u.short, u.field, u.office = "judicial_bureau", pl.name+"司法局", pl.short+"司", "司法行政", true
		return u
	}
	if slot == 13 || slot == 29 {
		zone := []string{"经济开发区管理委员会", "旅游度假区管理委员会"}[slot/20]
		u.typ, u.name, u.short, u.field = "other", pl.name+zone, pl.short+"开", "开发区综合执法"
		return u
	}
	// odd slots are departments while there are departments left; the rest are towns
	depts, towns := 0, 0
	for s := 1; s < slot; s++ {
		if s == 13 || s == 29 {
			continue
		}
		if s%2 == 1 && depts < len(departments) {
			depts++
		} else {
			towns++
		}
	}
	if slot%2 == 1 && depts < len(departments) {
		d := departments[depts]
		u.typ, u.name, u.short, u.field, u.office = "department", pl.name+d.name, pl.short+d.short, d.field, d.office
		return u
	}
	var town string
	if towns < len(pl.towns) {
		town = pl.towns[towns]
	} else {
		k := towns - len(pl.towns)
		town = townFirst[(k*7+p)%len(townFirst)] + townSecond[(k*5+p*3)%len(townSecond)] + "镇"
	}
	u.typ, u.field = "town", "综合行政执法"
	if len(town) > len("街道") && town[len(town)-len("街道"):] == "街道" {
		u.name = town + "办事处"
	} else {
		u.name = town + "人民政府"
	}
	runes := []rune(town)
	u.short = string(runes[:2]) + "综执"
	return u
}

// placeOf is the region's place p; past the region's real places it makes up counties with
// plausible names and codes.
func (g *generator) placeOf(p int) place {
	ps := g.region.places
	if p < len(ps) {
		return ps[p]
	}
	k := p - len(ps)
	name := townFirst[(k*11+3)%len(townFirst)] + townSecond[(k*7+1)%len(townSecond)] + "县"
	base := ps[0].code[:4]
	return place{name: name, short: string([]rune(name)[:1]), code: fmt.Sprintf("%s%02d", base, 30+k%70)}
}

// size splits a unit's budget: deliverables, incidents and clues first (what the profile needs), then
// about 10.4% officers, 9.4% inspections and the rest cases.
func (g *generator) size(u *unitPlan) {
	r := g.rng(u.idx, streamPlan)
	u.noReviewers = g.plant(r, "QUAL-05")
	u.nSub = len(g.submissionsFor(u, 0, nil))
	if u.typ != "judicial_bureau" {
		u.nInc = int(float64(u.budget)/1500 + r.Float64())
		u.nClue = int(float64(u.budget)/250 + r.Float64())
	}
	left := u.budget - u.nSub - u.nInc - u.nClue
	for left < 0 && u.nClue > 0 {
		u.nClue--
		left++
	}
	for left < 0 && u.nInc > 0 {
		u.nInc--
		left++
	}
	if left < 0 {
		u.subLimit = u.budget
		u.nSub = u.budget
		left = 0
	}
	if u.typ == "judicial_bureau" {
		u.nOff = int(math.Round(0.2 * float64(left)))
	} else {
		u.nOff = int(math.Round(0.104 * float64(left)))
		u.nInsp = int(math.Round(0.094 * float64(left)))
	}
	u.nCase = left - u.nOff - u.nInsp
	if u.nCase > 0 && u.nOff < 3 {
		take := min(3-u.nOff, u.nCase)
		u.nOff += take
		u.nCase -= take
	}
}

type unitJSON struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	Type              string `json:"type"`
	SupervisionOffice bool   `json:"supervision_office"`
}

func (g *generator) writeUnit(u *unitPlan) {
	g.out.record("unit", unitJSON{ID: u.id, Name: u.name, Type: u.typ, SupervisionOffice: u.office})
}
