package report

import (
	"encoding/json"
	"io"

	"github.com/jiandu/jiandu/internal/findings"
)

// JSON is CLI.md's findings document; its bytes are the same for the same input.
type JSON struct{}

func (JSON) Write(w io.Writer, r *findings.Result, _ Context) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
