package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// The decode floor (PERFORMANCE.md): stream the export once with encoding/json into Go structs of the
// RECORDS.md shape, one record at a time, keeping only an officer → certificate map. Nothing can read
// the export for less.

type certificate struct {
	Number, Issued, Expires, Status string
}

type officer struct {
	ID, Name, Unit, Role, Post string
	LegalReviewer              bool `json:"legal_reviewer"`
	Certificate                *certificate
	FirstCertified             string `json:"first_certified"`
	Training                   []struct {
		Date     string
		Hours    float64
		Category string
		Course   string
	}
	Exams []struct {
		Date, Kind  string
		Sat, Passed bool
		Score       float64
	}
}

type kase struct {
	ID, Unit, Category, Procedure, Opened, Closed string
	Party                                         *struct{ Type, Name, CreditCode string }
	Handlers                                      []string
	Decision                                      *struct {
		Date, Number, DiscretionBasis, Revoked string
		Major                                  bool
		Fine, FineMax                          float64
	}
	LegalReview *struct {
		Done, Passed bool
		Date         string
		Reviewer     string
	}
	PlatformFiling *struct{ Date string }
	Documents      []struct{ Type, Number, Delivered string }
	Publication    *struct {
		Published, Withdrawn string
		Elements             []string
	}
	Recordings []struct{ Stage, Media, Date string }
	Online     *struct{ Handled, Archived bool }
}

type other map[string]any

func floor(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	certs := map[string]*certificate{}
	n := 0
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if key == "export" {
			var h other
			if err := dec.Decode(&h); err != nil {
				return err
			}
			continue
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		for dec.More() {
			switch key {
			case "officers":
				var o officer
				if err := dec.Decode(&o); err != nil {
					return err
				}
				certs[o.ID] = o.Certificate
			case "cases":
				var c kase
				if err := dec.Decode(&c); err != nil {
					return err
				}
			default:
				var x other
				if err := dec.Decode(&x); err != nil {
					return err
				}
			}
			n++
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	fmt.Println(n, "records,", len(certs), "officers")
	return nil
}
