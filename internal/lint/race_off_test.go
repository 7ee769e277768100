//go:build !race

package lint_test

// raceEnabled: see race_on_test.go.
const raceEnabled = false
