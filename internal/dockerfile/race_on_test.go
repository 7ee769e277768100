//go:build race

package dockerfile

// raceEnabled thins the corpus under the race detector.
const raceEnabled = true
