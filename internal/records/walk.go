package records

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// folderFiles lists the export files under a folder, recursively: every file with a known extension,
// in name order. Symbolic links are followed, to files and to folders (each folder once, so a link
// loop ends); a link that cannot be followed (a loop of links, a missing target) is reported, since
// what it stood for would otherwise be silently left out.
func (l *Loader) folderFiles(root string) []string {
	var files []string
	seenDirs := map[string]bool{}
	seenFiles := map[string]bool{}
	add := func(path string) {
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			real = path
		}
		if !seenFiles[real] {
			seenFiles[real] = true
			files = append(files, path)
		}
	}
	known := func(path string) bool {
		_, ok := Extensions[strings.ToLower(filepath.Ext(path))]
		return ok
	}
	var walk func(dir string)
	walk = func(dir string) {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				l.fileError(path, fmt.Sprintf("cannot read it (%v): check its permissions", unwrapPath(err)))
				if d != nil && d.IsDir() && path != dir {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.IsDir():
				real, err := filepath.EvalSymlinks(path)
				if err != nil {
					real = path
				}
				if seenDirs[real] {
					return fs.SkipDir
				}
				seenDirs[real] = true
			case d.Type()&fs.ModeSymlink != 0:
				info, err := os.Stat(path)
				switch {
				case err != nil:
					l.fileError(path, fmt.Sprintf("cannot follow the link (%v): remove it, or point it at the export file it stands for", unwrapPath(err)))
				case info.IsDir():
					if real, err := filepath.EvalSymlinks(path); err == nil && !seenDirs[real] {
						walk(path + string(filepath.Separator))
					}
				case info.Mode().IsRegular() && known(path):
					add(path)
				}
			case d.Type().IsRegular() && known(path):
				add(path)
			}
			return nil
		})
		if err != nil {
			l.fileError(dir, err.Error())
		}
	}
	walk(root)
	sort.Strings(files)
	return files
}
