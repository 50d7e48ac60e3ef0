package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jiandu/jiandu/internal/findings"
)

// JSON is CLI.md's findings document; its bytes are the same for the same input.
type JSON struct{}

// findingsMark is where the findings array sits in the document encoded without them: a raw newline
// cannot occur inside a JSON string, so this is the field itself.
var findingsMark = []byte("\n  \"findings\": null")

// Write streams the document: the fields around the findings are encoded once, the findings one at a
// time, so a nightly scan's output (hundreds of MB at a million records) is never held in memory
// twice over. The bytes are exactly those of encoding/json's Encoder with a two-space indent.
func (JSON) Write(w io.Writer, r *findings.Result, _ Context) error {
	shell := *r
	shell.Findings = nil
	var head bytes.Buffer
	if err := encodeIndented(&head, &shell, ""); err != nil {
		return err
	}
	at := bytes.Index(head.Bytes(), findingsMark)
	if at < 0 {
		return fmt.Errorf("report: the findings field is missing from the JSON document")
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.Write(head.Bytes()[:at])
	if r.Findings == nil {
		bw.Write(findingsMark)
	} else if len(r.Findings) == 0 {
		bw.WriteString("\n  \"findings\": []")
	} else {
		bw.WriteString("\n  \"findings\": [")
		var one bytes.Buffer
		for i := range r.Findings {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			one.Reset()
			if err := encodeIndented(&one, &r.Findings[i], "    "); err != nil {
				return err
			}
			bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
		}
		bw.WriteString("\n  ]")
	}
	bw.Write(head.Bytes()[at+len(findingsMark):])
	return bw.Flush()
}

func encodeIndented(w io.Writer, v any, prefix string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc.Encode(v)
}
