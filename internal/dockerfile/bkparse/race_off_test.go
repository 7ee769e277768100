//go:build !race

package bkparse_test

// raceEnabled: see race_on_test.go.
const raceEnabled = false
