// Package jiandu embeds the built-in policy tree: the rules, their tests, the profiles, the calendar
// and the record schema. The command and the tests load it like a user's own policy directory.
package jiandu

import (
	"embed"
	"io/fs"
)

//go:embed all:policies
var embedded embed.FS

// Policies is the built-in policy tree, rooted at policies/.
func Policies() fs.FS {
	sub, err := fs.Sub(embedded, "policies")
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	return sub
}
