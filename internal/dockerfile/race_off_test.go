//go:build !race

package dockerfile

// raceEnabled: see race_on_test.go.
const raceEnabled = false
