// Command rulecost times each rule's findings on one partition input, for finding the rules whose
// Rego costs the most per record (docs/performance.md).
//
//	JIANDU_DUMP_UNIT=/tmp/unit.json jiandu scan --profile qidong-2023 export.json   # the first unit's input
//	go run ./tools/rulecost -profile qidong-2023 /tmp/unit.json
//
// It prepares each rule's `findings` on its own over the policies in ./policies (so an edit is timed
// without rebuilding jiandu), evaluates it -n times and prints the mean CPU time per evaluation (the process's, GC included:
// steadier than the wall clock on a shared machine).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/jiandu/jiandu/internal/engine"
	"github.com/jiandu/jiandu/internal/scan"
)

func main() {
	prof := flag.String("profile", "qidong-2023", "profile to resolve")
	asOf := flag.String("as-of", "2024-03-01", "as-of date of the run")
	n := flag.Int("n", 10, "evaluations per rule")
	only := flag.String("rules", "", "comma-separated rule ids to time (default: all)")
	cold := flag.Bool("cold", false, "evaluate a fresh copy of the input each time (as a scan does: every unit is evaluated once)")
	show := flag.String("query", "", "evaluate this query once on the partition and print its result instead")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: rulecost [-profile P] [-n N] PARTITION.json")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	must(err)
	var v any
	must(util.UnmarshalJSON(b, &v))
	input, err := ast.InterfaceToValue(v)
	must(err)
	setup, err := scan.Load(os.DirFS("policies"))
	must(err)
	res, err := setup.ResolveProfile(scan.Options{Profile: *prof}, nil)
	must(err)
	at, err := scan.ParseAsOf(*asOf)
	must(err)
	ctx := context.Background()
	if f := os.Getenv("JIANDU_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		must(err)
		must(pprof.StartCPUProfile(out))
		defer pprof.StopCPUProfile()
	}
	if *show != "" {
		q, err := engine.Prepare(ctx, setup.Tree, res, engine.Run{AsOf: at}, *show)
		must(err)
		rs, err := q.Eval(ctx, rego.EvalParsedInput(input))
		must(err)
		out, _ := json.MarshalIndent(rs, "", "  ")
		fmt.Println(string(out))
		return
	}
	type cost struct {
		id       string
		per      time.Duration
		findings int
	}
	var costs []cost
	var total time.Duration
	for _, r := range setup.Catalogue.Rules() {
		if *only != "" && !strings.Contains(","+*only+",", ","+r.ID+",") {
			continue
		}
		q, err := engine.Prepare(ctx, setup.Tree, res, engine.Run{AsOf: at}, "x := "+r.Package+".findings")
		must(err)
		count := 0
		q.Eval(ctx, rego.EvalParsedInput(input)) // warm-up
		var spent time.Duration
		for i := 0; i < *n; i++ {
			in := input
			if *cold {
				c, err := ast.InterfaceToValue(v)
				must(err)
				in = c
				runtime.GC() // the copy's garbage is not the rule's cost
			}
			start := cpuTime()
			rs, err := q.Eval(ctx, rego.EvalParsedInput(in))
			spent += cpuTime() - start
			must(err)
			if len(rs) > 0 {
				xs, _ := rs[0].Bindings["x"].([]any)
				count = len(xs)
			}
		}
		per := spent / time.Duration(*n)
		total += per
		costs = append(costs, cost{r.ID, per, count})
	}
	sort.Slice(costs, func(i, j int) bool { return costs[i].per > costs[j].per })
	for _, c := range costs {
		fmt.Printf("%-8s %8.2f ms %5d findings\n", c.id, float64(c.per.Microseconds())/1000, c.findings)
	}
	fmt.Printf("%-8s %8.2f ms\n", "total", float64(total.Microseconds())/1000)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "rulecost:", err)
		os.Exit(1)
	}
}

// cpuTime is the CPU time the process has used (user and system): steadier than the wall clock on a
// machine shared with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
