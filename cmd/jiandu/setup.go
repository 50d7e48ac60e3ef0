package main

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/scan"
)

// loadSetup loads the built-in policies, with the tree named by --policies laid over them.
func loadSetup(cmd *cobra.Command) (*scan.Setup, error) {
	dir, _ := cmd.Flags().GetString("policies")
	fsys, err := policyTree(dir)
	if err != nil {
		return nil, fail(err)
	}
	s, err := scan.Load(fsys)
	if err != nil {
		return nil, fail(err)
	}
	return s, nil
}

// policyTree is the built-in tree, or a user's directory laid over it: the user's rules are added beside
// the built-in ones, and a user file at a built-in path (a profile's data.json) replaces the built-in one.
func policyTree(dir string) (fs.FS, error) {
	if dir == "" {
		return jiandu.Policies(), nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("--policies %s: give a directory laid out like policies/ (rules by area, profiles/<id>/data.json)", dir)
	}
	return policy.NewOverlay(jiandu.Policies(), os.DirFS(dir)), nil
}

// checkLang refuses a --lang other than the two every human-readable output has.
func checkLang(lang string) error {
	if lang != "zh" && lang != "en" {
		return fmt.Errorf("--lang %q: choose zh or en", lang)
	}
	return nil
}

// checkTextCommand checks the flags explain and whatif share (--lang, a text or json --format, --set)
// and returns the parsed overrides.
func checkTextCommand(lang, format string, sets []string) ([]profile.Override, error) {
	if err := checkLang(lang); err != nil {
		return nil, err
	}
	if format != "text" && format != "json" {
		return nil, fmt.Errorf("--format %q: choose text or json", format)
	}
	return parseSets(sets)
}
