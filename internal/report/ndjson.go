package report

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/jiandu/jiandu/internal/findings"
)

// NDJSON is one finding a line, each the object of CLI.md's `findings` array, for log pipelines;
// with --baseline the resolved findings follow, each with status "resolved".
type NDJSON struct{}

func (NDJSON) Write(w io.Writer, r *findings.Result, _ Context) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, fs := range [][]findings.Finding{r.Findings, r.Resolved} {
		for _, f := range fs {
			if err := enc.Encode(f); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
