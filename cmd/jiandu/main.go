// Command jiandu (监督) checks agencies' exported enforcement records against the supervision
// requirements of a jurisdiction's plans and the national laws, encoded as Rego policies.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"
)

// exitError carries an exit status: 1 for findings at or above --fail-on, 2 for a run that failed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// defaultMemoryLimit keeps a 1,000,000-record scan under 1 GB of resident memory.
const defaultMemoryLimit = 850 << 20

func fail(err error) error { return &exitError{code: 2, err: err} }

func main() {
	root := &cobra.Command{
		Use:   "jiandu",
		Short: "监督：行政执法监督合规检查 / checks enforcement records against supervision requirements",
		Long: `jiandu（监督）按行政执法监督计划和法律规定，逐条检查执法单位导出的执法记录，
并指出每条问题涉及的记录、规则和条款。

jiandu checks the records agencies export (officers, cases, inspections, submissions,
incidents, clues) against the requirements of a jurisdiction's supervision plan and the
national laws, and names for every finding the record, the rule and the clause it breaks.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().String("policies", "", "策略目录（默认内置策略）/ policy directory to use instead of the built-in one")
	root.AddCommand(scanCmd(), rulesCmd(), profilesCmd(), versionCmd(), genCmd())
	root.AddCommand(serveCmd())
	root.AddCommand(historyCmd())
	root.AddCommand(testCmd())
	root.AddCommand(newCmd())
	root.AddCommand(templateCmd())
	root.AddCommand(convertCmd())
	root.AddCommand(explainCmd(), whatifCmd())
	if os.Getenv("GOMEMLIMIT") == "" {
		// a soft ceiling for the nightly scan of a large export: the garbage collector works harder as
		// the heap nears it instead of letting it double (docs/performance.md); GOMEMLIMIT overrides it
		debug.SetMemoryLimit(defaultMemoryLimit)
		defer followLiveHeap(defaultMemoryLimit, time.Second)()
		if os.Getenv("GOGC") == "" {
			// under that ceiling, collect less often: a scan's garbage is short-lived (about 12% less CPU)
			debug.SetGCPercent(400)
		}
	}
	stop := startCPUProfile()
	err := root.Execute()
	stop()
	if err == nil {
		return
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(os.Stderr, "jiandu:", ee.err)
		}
		os.Exit(ee.code)
	}
	fmt.Fprintln(os.Stderr, "jiandu:", err)
	os.Exit(2)
}
