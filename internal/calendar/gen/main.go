// Command gen writes policies/calendar/data.json from internal/calendar/official.json.
// Run from the repository root: go run ./internal/calendar/gen
package main

import (
	"fmt"
	"os"

	"github.com/jiandu/jiandu/internal/calendar"
)

func main() {
	b, err := calendar.Generated()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := os.WriteFile("policies/calendar/data.json", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
