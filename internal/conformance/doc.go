// Package conformance measures dockstride against the peers' own test
// cases (hadolint's rule specs, BuildKit's lint tests, trivy-checks'
// examples, KICS's docker compose queries, bandit's functional examples),
// kept outside the repository in ../shared/conformance. KICS and bandit
// cases are written as docker-compose.yml or app.py in a fresh directory
// and the directory is linted, as score.py does.
//
// The test in this package runs every case through the lint engine
// in-process, scores it as shared/conformance/score.py does, and fails when
// a pass count drops below the one recorded in
// testdata/conformance/ratchet.json. Run
//
//	go test ./internal/conformance -update-conformance
//
// to record new, higher counts. Cases where the peer's expectation is a
// false positive dockstride avoids on purpose are listed, with the reason,
// in testdata/conformance/exceptions.json.
package conformance
