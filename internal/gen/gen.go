// Package gen writes realistic synthetic exports (RECORDS.md) for benchmarks, demos and load tests:
// units, officers with a year of training and exams, cases, inspections, submissions, incidents and
// clues of one jurisdiction-year, with violations of the profile's rules planted at a chosen rate and
// counted.
//
// Shape: about one unit per 1,000 records (a judicial bureau, departments, towns and development
// zones per county-level place, 40 units a place), units from a few hundred to about 3,500 records;
// of the records about 78% cases, 10% officers (each with a year of training and the annual exam),
// 9% inspections and 2–3% units, submissions, incidents and clues; about 880 bytes a record.
//
// The export is streamed record by record and never held in memory: every unit's records are derived
// from the seed and the unit's index alone (math/rand/v2 PCG streams per unit and per kind), so the
// JSON container, which lists one kind after another, is written in one pass per kind while only one
// unit's officers are ever held. The same seed gives the same bytes (with the same build on the same
// architecture: floating-point rounding is not promised across architectures).
//
// Every record passes the schema, and a record not chosen for a violation is clean for every rule of
// every built-in profile: deadlines are met with two or more days to spare, handlers are certified
// officers of the case's unit, each enterprise is inspected at most once a quarter by one unit and at
// most four times a year, every obligation of the profile is delivered before it is due. A rule is
// broken at the rate among the records it judges (CASE-02 among major decisions, TRN-01 among the
// officers of the roles it counts, RPT-01 among obligation instances, QUAL-05 among units); Report
// counts the findings the plants must give, in the rule's own unit of count. QUAL-01 counts the
// expired officers' cases and also the auxiliaries QUAL-02 plants as handlers, who hold no certificate.
package gen

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/profile"
)

// DefaultViolations is the rate at which --violations plants violations when not given.
const DefaultViolations = 0.02

// Options say what to generate.
type Options struct {
	Profile    string           // profile id (policies/profiles/<id>); its year is the export's year
	Records    int              // records to write, the header not counted
	Seed       uint64           // the same seed gives the same bytes
	Violations float64          // the share of eligible records (or units, obligations) that break each rule
	Format     string           // "json" (a JSON container, the default) or "ndjson"
	Policies   fs.FS            // nil = the built-in policy tree
	Now        func() time.Time // the year of `national` is the year before now; nil = time.Now
}

// Report is what was written: records per kind, bytes, and the violations planted per rule.
type Report struct {
	Profile     string         `json:"profile"`
	Year        int            `json:"year"`
	Seed        uint64         `json:"seed"`
	Format      string         `json:"format"`
	Violations  float64        `json:"violations"`
	Records     int            `json:"records"`
	Bytes       int64          `json:"bytes"`
	Kinds       map[string]int `json:"kinds"`
	Units       int            `json:"units"`
	LargestUnit int            `json:"largest_unit"` // records of the largest unit, its unit record included
	// Planted holds, for every rule the generator can break and the profile turns on, how many
	// findings the planted violations must give: the rule's own unit of count (CountedAs).
	Planted   map[string]int    `json:"planted"`
	CountedAs map[string]string `json:"counted_as"`
}

// plantable are the rules the generator knows how to break, with what one planted violation is: the
// unit the rule reports in (one finding each).
var plantable = map[string]string{
	"QUAL-01": "case × handler without a valid certificate (an expired officer, or the auxiliary a QUAL-02 plant adds)",
	"QUAL-02": "case with an auxiliary among its handlers",
	"QUAL-03": "officer with a valid certificate on a non-enforcement post",
	"QUAL-04": "general-procedure case with one handler",
	"QUAL-05": "unit with no legal reviewer",
	"TRN-01":  "officer short of the annual training hours",
	"TRN-02":  "officer whose business/skills share is below the minimum",
	"TRN-03":  "officer short of prudent/discretion/exempt-list hours",
	"TRN-04":  "officer first certified in the year short of central or practical hours",
	"CASE-01": "major decision without a passed legal review before it",
	"CASE-02": "major decision filed late or not at all",
	"CASE-03": "penalty decision to an enterprise without the credit-repair notice",
	"CASE-04": "general-procedure case not handled online",
	"CASE-05": "decided case missing the recording of one required stage",
	"CASE-06": "penalty decision without its discretion basis",
	"CASE-07": "fine above the statutory maximum",
	"CASE-08": "general-procedure penalty decision published late or not at all",
	"CASE-09": "penalty decision more than 90 days after opening",
	"CASE-10": "penalty decision document delivered late",
	"CASE-11": "revoked decision whose publication was withdrawn late or not at all",
	"INSP-01": "second inspection of an enterprise by one unit in a quarter",
	"RPT-01":  "unit × obligation × period missing or delivered late",
	"RPT-02":  "submission of a published obligation recorded as not published",
	"RPT-03":  "unit × period with fewer case self-reviews than required",
	"INC-01":  "incident with its full report later than allowed",
	"INC-02":  "incident × officer measure reported late",
	"CLUE-01": "clue not disposed of by the end of the period",
}

// Generate writes an export to w and reports what it wrote.
func Generate(w io.Writer, o Options) (*Report, error) {
	if o.Records < 1 {
		return nil, errors.New("--records must be at least 1")
	}
	if o.Violations < 0 || o.Violations > 1 || math.IsNaN(o.Violations) {
		return nil, fmt.Errorf("--violations %v: give a rate between 0 and 1 (0.02 = 2%%)", o.Violations)
	}
	format := o.Format
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "ndjson" {
		return nil, fmt.Errorf("--format %q: choose json or ndjson", o.Format)
	}
	g, err := newGenerator(o)
	if err != nil {
		return nil, err
	}
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<18)
	out := &writer{bw: bw, ndjson: format == "ndjson"}
	g.out = out
	if err := g.write(); err != nil {
		return nil, err
	}
	if err := out.err; err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	rep := &Report{Profile: g.prof.ID, Year: g.year, Seed: o.Seed, Format: format, Violations: o.Violations,
		Records: out.records, Bytes: cw.n, Kinds: out.kinds, Units: len(g.units), Planted: map[string]int{},
		CountedAs: map[string]string{}}
	for _, u := range g.units {
		if n := 1 + u.size(); n > rep.LargestUnit {
			rep.LargestUnit = n
		}
	}
	for rule := range g.on {
		rep.Planted[rule] = g.planted[rule]
		rep.CountedAs[rule] = plantable[rule]
	}
	if out.records != o.Records {
		return rep, fmt.Errorf("internal error: wrote %d records, %d asked", out.records, o.Records)
	}
	return rep, nil
}

// WriteTable prints the report for a terminal: what was written and the planted violations per rule.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "jiandu gen: %s (%d), seed %d, %d records, %s, %.0f bytes/record\n", r.Profile, r.Year, r.Seed,
		r.Records, humanBytes(r.Bytes), float64(r.Bytes)/float64(max(r.Records, 1)))
	var kinds []string
	for _, k := range []string{"unit", "officer", "case", "inspection", "submission", "incident", "clue"} {
		kinds = append(kinds, fmt.Sprintf("%s %d (%.1f%%)", k, r.Kinds[k], 100*float64(r.Kinds[k])/float64(max(r.Records, 1))))
	}
	fmt.Fprintf(tw, "records: %s; largest unit %d records\n", strings.Join(kinds, ", "), r.LargestUnit)
	fmt.Fprintf(tw, "violations planted at %g:\n", r.Violations)
	fmt.Fprintln(tw, "rule\tplanted\tone planted violation = one finding of")
	var rules []string
	for id := range r.Planted {
		rules = append(rules, id)
	}
	sortRules(rules)
	total := 0
	for _, id := range rules {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", id, r.Planted[id], r.CountedAs[id])
		total += r.Planted[id]
	}
	fmt.Fprintf(tw, "total\t%d\t\n", total)
	return tw.Flush()
}

// sortRules orders rule ids by area then number (CASE-02 before CASE-10).
func sortRules(ids []string) {
	sort.Slice(ids, func(i, j int) bool {
		ai, an, _ := strings.Cut(ids[i], "-")
		bi, bn, _ := strings.Cut(ids[j], "-")
		if ai != bi {
			return ai < bi
		}
		if len(an) != len(bn) {
			return len(an) < len(bn)
		}
		return an < bn
	})
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writer renders records as a JSON container (one array per kind, one record per line) or NDJSON.
// The first write error stops the passes.
type writer struct {
	bw      *bufio.Writer
	ndjson  bool
	records int
	kinds   map[string]int
	first   bool
	err     error
}

func (w *writer) put(parts ...[]byte) {
	for _, p := range parts {
		if w.err != nil {
			return
		}
		_, w.err = w.bw.Write(p)
	}
}

func (w *writer) header(h any) {
	if w.ndjson {
		w.line("export", h)
		return
	}
	w.put([]byte(`{"export":`), w.marshal(h))
}

// begin opens the array of a kind (JSON container only).
func (w *writer) begin(kind string) {
	if !w.ndjson {
		w.put([]byte(",\n\"" + pluralOf[kind] + "\":["))
		w.first = true
	}
}

func (w *writer) end() {
	if !w.ndjson {
		w.put([]byte("\n]"))
	}
}

func (w *writer) finish() {
	if !w.ndjson {
		w.put([]byte("}\n"))
	}
}

// record writes one record of a kind.
func (w *writer) record(kind string, v any) {
	if w.kinds == nil {
		w.kinds = map[string]int{}
	}
	w.records++
	w.kinds[kind]++
	if w.ndjson {
		w.line(kind, v)
		return
	}
	sep := []byte(",\n")
	if w.first {
		sep, w.first = sep[1:], false
	}
	w.put(sep, w.marshal(v))
}

// line writes {"kind":K, ...the record's keys} on one line.
func (w *writer) line(kind string, v any) {
	b := w.marshal(v)
	if len(b) < 2 {
		return
	}
	head := []byte(`{"kind":"` + kind + `"`)
	if len(b) > 2 {
		head = append(head, ',')
	}
	w.put(head, b[1:], []byte("\n"))
}

func (w *writer) marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil && w.err == nil {
		w.err = err
	}
	return b
}

var pluralOf = map[string]string{
	"unit": "units", "officer": "officers", "case": "cases", "inspection": "inspections",
	"submission": "submissions", "incident": "incidents", "clue": "clues",
}

// generator holds what every pass needs: the profile, the calendar, the unit plan and the counts.
type generator struct {
	o       Options
	prof    *profile.Resolved
	on      map[string]bool // plantable rules the profile turns on
	year    int
	d       *days
	jan1    day
	dec31   day
	region  region
	units   []*unitPlan
	planted map[string]int
	out     *writer
	rate    float64

	// parameters of the profile the generator must respect or break
	filingDays     int
	publishDays    int
	deliveryDays   int
	withdrawDays   int
	decisionDays   int
	fullReportH    int
	measureDays    int
	shortWorkMax   int
	requiredStages []string
	case03From     string
	revTiers       [][2]float64 // {max, share}
	revCap         int
	revObligation  string
	sampleObl      string
	sampleMin      int
	trnMin         float64
	trnShare       float64
	trnPrudent     float64
	trnRoles       map[string]bool
	centralMin     float64
	practicalMin   float64
	obligations    []obligation
}

func newGenerator(o Options) (*generator, error) {
	fsys := o.Policies
	if fsys == nil {
		fsys = jiandu.Policies()
	}
	set, err := profile.Load(fsys)
	if err != nil {
		return nil, err
	}
	if o.Profile == "" {
		return nil, errors.New("--profile is required (`jiandu profiles` lists them)")
	}
	prof, err := set.Resolve(o.Profile)
	if err != nil {
		return nil, err
	}
	g := &generator{o: o, prof: prof, on: map[string]bool{}, planted: map[string]int{}, rate: o.Violations,
		region: regionOf(prof.ID)}
	if prof.Year != nil {
		g.year = *prof.Year
	} else {
		now := time.Now
		if o.Now != nil {
			now = o.Now
		}
		g.year = now().Year() - 1
	}
	for id, sw := range prof.Rules {
		if _, ok := plantable[id]; ok && sw.On {
			g.on[id] = true
		}
	}
	if g.d, err = loadDays(); err != nil {
		return nil, err
	}
	var ok1, ok2 bool
	g.jan1, ok1 = g.d.at(g.year, 1, 1)
	g.dec31, ok2 = g.d.at(g.year, 12, 31)
	_, ok3 := g.d.at(g.year+1, 3, 31) // deadlines of December acts, and the as-of date
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("profile %s: the year %d and the first months of the next are not all in the shipped calendar", prof.ID, g.year)
	}
	if err := g.readParams(); err != nil {
		return nil, err
	}
	g.plan()
	return g, nil
}

// param reads a parameter of the resolved profile in force on the last day of the year.
func (g *generator) param(rule, name string) (any, bool) {
	vs := g.prof.Params[rule][name]
	end := fmt.Sprintf("%d-12-31", g.year)
	var v any
	found := false
	for _, x := range vs {
		if x.From <= end {
			v, found = x.Value, true
		}
	}
	return v, found
}

func (g *generator) num(rule, name string, def float64) float64 {
	if v, ok := g.param(rule, name); ok {
		if f, ok := v.(float64); ok {
			return f
		}
	}
	return def
}

func (g *generator) strs(rule, name string, def []string) []string {
	v, ok := g.param(rule, name)
	if !ok {
		return def
	}
	xs, ok := v.([]any)
	if !ok {
		return def
	}
	out := []string{}
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (g *generator) str(rule, name, def string) string {
	if v, ok := g.param(rule, name); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return def
}

func (g *generator) readParams() error {
	g.filingDays = int(g.num("CASE-02", "filing_days", 15))
	g.publishDays = int(g.num("CASE-08", "publish_working_days", 7))
	g.deliveryDays = int(g.num("CASE-10", "delivery_working_days", 7))
	g.withdrawDays = int(g.num("CASE-11", "withdraw_working_days", 3))
	g.decisionDays = int(g.num("CASE-09", "decision_days", 90))
	g.fullReportH = int(g.num("INC-01", "full_report_hours", 48))
	g.measureDays = int(g.num("INC-02", "measure_report_days", 7))
	g.shortWorkMax = int(g.num("calendar", "short_period_working_max", 0))
	g.requiredStages = g.strs("CASE-05", "required_stages", []string{"initiation", "investigation", "review", "service"})
	g.case03From = g.str("CASE-03", "effective", "9999-12-31")
	g.revCap = int(g.num("REV-01", "cap", 50))
	g.revObligation = g.str("REV-01", "obligation", "case_self_review")
	g.sampleObl = g.str("REV-02", "obligation", "case_sampling")
	g.sampleMin = int(g.num("REV-02", "min_sampled", 100))
	if v, ok := g.param("REV-01", "tiers"); ok {
		if ts, ok := v.([]any); ok {
			for _, t := range ts {
				if m, ok := t.(map[string]any); ok {
					mx, _ := m["max"].(float64)
					sh, _ := m["share"].(float64)
					g.revTiers = append(g.revTiers, [2]float64{mx, sh})
				}
			}
		}
	}
	sort.Slice(g.revTiers, func(i, j int) bool { return g.revTiers[i][0] < g.revTiers[j][0] })
	if len(g.revTiers) == 0 {
		g.revTiers = [][2]float64{{20, 1}, {50, 0.4}, {100, 0.3}, {200, 0.2}}
	}
	g.trnMin = g.num("TRN-01", "annual_min_hours", 60)
	g.trnShare = g.num("TRN-02", "business_share_min", 0.6)
	g.trnPrudent = g.num("TRN-03", "prudent_min_hours", 10)
	g.trnRoles = map[string]bool{}
	for _, r := range g.strs("TRN-01", "roles", []string{"officer", "auxiliary"}) {
		g.trnRoles[r] = true
	}
	g.centralMin = g.num("TRN-04", "central_min_hours", 40)
	g.practicalMin = g.num("TRN-04", "practical_min_hours", 120)
	var err error
	g.obligations, err = g.readObligations()
	return err
}

// plant decides whether to break a rule here: only rules the profile turns on, at the rate.
func (g *generator) plant(r *rand.Rand, rule string) bool {
	if !g.on[rule] || g.rate <= 0 {
		return false
	}
	return r.Float64() < g.rate
}

// rng is the stream of one unit and one purpose: independent of every other, so that a pass can
// regenerate what it needs of a unit without the others.
func (g *generator) rng(unit int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.o.Seed, mix(uint64(unit)<<8|stream)))
}

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// Streams of a unit.
const (
	streamPlan uint64 = iota + 1
	streamOfficers
	streamTraining
	streamCases
	streamInspections
	streamJoint
	streamSubmissions
	streamIncidents
	streamClues
)

// write runs the passes: header, then one pass over the units per kind.
func (g *generator) write() error {
	w := g.out
	from, to := g.d.str(g.jan1), g.d.str(g.dec31)
	w.header(header{
		Jurisdiction: g.prof.ID,
		GeneratedAt:  fmt.Sprintf("%d-02-01T09:00:00+08:00", g.year+1),
		Source:       g.region.places[0].name + "行政执法监督平台（jiandu gen 合成数据）",
		Period:       period{From: from, To: to},
	})
	passes := []struct {
		kind string
		run  func(u *unitPlan)
	}{
		{"unit", g.writeUnit},
		{"officer", g.writeOfficers},
		{"case", g.writeCases},
		{"inspection", g.writeInspections},
		{"submission", g.writeSubmissions},
		{"incident", g.writeIncidents},
		{"clue", g.writeClues},
	}
	for _, p := range passes {
		w.begin(p.kind)
		for _, u := range g.units {
			p.run(u)
			if w.err != nil {
				return w.err
			}
		}
		w.end()
	}
	w.finish()
	return w.err
}

type header struct {
	Jurisdiction string `json:"jurisdiction"`
	GeneratedAt  string `json:"generated_at"`
	Source       string `json:"source"`
	Period       period `json:"period"`
}

type period struct {
	From string `json:"from"`
	To   string `json:"to"`
}
