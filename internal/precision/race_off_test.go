//go:build !race

package precision

// raceEnabled: see race_on_test.go.
const raceEnabled = false
