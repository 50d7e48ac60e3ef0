package policy

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// FixturesDir is where a user's policy tree keeps its fixture cases (DIR/fixtures); the overlay leaves
// it out of the policy tree so that no fixture file is ever loaded as policy data.
const FixturesDir = "fixtures"

// Overlay is the built-in policy tree with a user's directory laid over it: a user file at the same
// path replaces the built-in one, the user's other files are added beside the built-in ones, and
// directories are merged (so the user's profiles/<id>/ adds a profile or overrides a built-in one, and
// the user's rules sit beside the built-in rules of their area). It is an fs.FS like any policy tree:
// Load, profile.Load and the record validator read it unchanged.
type Overlay struct {
	Base fs.FS
	User fs.FS
}

// NewOverlay lays user over base.
func NewOverlay(base, user fs.FS) *Overlay { return &Overlay{Base: base, User: user} }

// FromUser tells whether the file at name comes from the user's directory.
func (o *Overlay) FromUser(name string) bool {
	if hidden(name) {
		return false
	}
	fi, err := fs.Stat(o.User, name)
	return err == nil && !fi.IsDir()
}

// hidden: the user's fixtures are no part of the policy tree.
func hidden(name string) bool {
	return name == FixturesDir || strings.HasPrefix(name, FixturesDir+"/")
}

func (o *Overlay) userStat(name string) (fs.FileInfo, bool) {
	if hidden(name) {
		return nil, false
	}
	fi, err := fs.Stat(o.User, name)
	return fi, err == nil
}

// Open opens a file (the user's when it has one) or a merged directory.
func (o *Overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	ufi, inUser := o.userStat(name)
	if inUser && !ufi.IsDir() {
		return o.User.Open(name)
	}
	bfi, err := fs.Stat(o.Base, name)
	inBase := err == nil
	if inBase && !bfi.IsDir() && !inUser {
		return o.Base.Open(name)
	}
	if !inUser && !inBase {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		return nil, err
	}
	fi := ufi
	if fi == nil || (inBase && bfi.IsDir()) {
		fi = bfi
	}
	return &dir{info: fi, entries: entries}, nil
}

// Stat describes a file or directory of the merged tree.
func (o *Overlay) Stat(name string) (fs.FileInfo, error) {
	if fi, ok := o.userStat(name); ok {
		return fi, nil
	}
	return fs.Stat(o.Base, name)
}

// ReadFile reads a file of the merged tree.
func (o *Overlay) ReadFile(name string) ([]byte, error) {
	if fi, ok := o.userStat(name); ok && !fi.IsDir() {
		return fs.ReadFile(o.User, name)
	}
	return fs.ReadFile(o.Base, name)
}

// ReadDir lists a merged directory: the union of both trees' entries, the user's winning a name both have.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	byName := map[string]fs.DirEntry{}
	found := false
	if fi, err := fs.Stat(o.Base, name); err == nil && fi.IsDir() {
		es, err := fs.ReadDir(o.Base, name)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			byName[e.Name()] = e
		}
		found = true
	}
	if fi, ok := o.userStat(name); ok && fi.IsDir() {
		es, err := fs.ReadDir(o.User, name)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if hidden(path.Join(name, e.Name())) {
				continue
			}
			if prev, ok := byName[e.Name()]; ok && prev.IsDir() && e.IsDir() {
				continue // merged: either entry describes the directory
			}
			byName[e.Name()] = e
		}
		found = true
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// dir is an open merged directory.
type dir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}
