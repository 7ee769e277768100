package baseimage

// The end-of-support table. Every date comes from the project's own
// published schedule (or, where noted, from the project's own repository
// or announcements quoting it), never from a guess: a release whose date no
// such source gave is left out, and Lookup then says nothing about it.
// Checked on AsOf; dates after it are the projects' plans.
//
// Releases left out for want of a first-hand source: Go 1.26 and later
// (their end is the release day of a Go not yet released on AsOf), Ruby
// 3.4 and later (ruby-lang.org's branches page gave no end for them in any
// copy found), Alpine 3.24 (released June 2026; no end of support found
// on alpinelinux.org's releases page or a transcription of it), Ubuntu
// 26.10 (not in distro-info-data 0.58+deb12u6), PHP 8.6, Fedora,
// OpenJDK/Eclipse Temurin.

// AsOf is the day the table was last checked against its sources. It is
// also the day findings are judged on by default (see the rule
// base-image-end-of-life and --eol-date), so that a run gives the same
// findings on any day until the table is updated.
var AsOf = day(2026, 12, 2)

const (
	srcDebian = "distro-info-data 0.58+deb12u6 (the Debian package), debian.csv: eol (regular security support) and eol-lts (Debian LTS)"
	srcUbuntu = "distro-info-data 0.58+deb12u6 (the Debian package), ubuntu.csv: eol (end of standard support; ESM needs an Ubuntu Pro subscription)"
	srcAlpine = "https://alpinelinux.org/releases/ (end of support of main), as transcribed in aquasecurity/trivy pkg/detector/ospkg/alpine/alpine.go"
	srcPython = "https://devguide.python.org/versions/ (python/devguide include/release-cycle.json, end_of_life)"
	srcNode   = "https://github.com/nodejs/Release schedule.json (end)"
	srcRuby   = "https://www.ruby-lang.org/en/downloads/branches/ (ruby/www.ruby-lang.org _data/branches.yml, eol_date)"
	srcPHP    = "https://www.php.net/eol.php"
	srcGo     = "https://go.dev/doc/devel/release: a release is supported until two newer major releases exist; its end is the release day of the second"
)

var table = []Entry{
	// Debian: End is the end of Debian LTS, the project's own free support;
	// RegularEnd the end of the security team's regular support.
	{Product: Debian, Cycle: "6.0", Codename: "squeeze", End: day(2016, 2, 29), RegularEnd: day(2014, 5, 31), Source: srcDebian},
	{Product: Debian, Cycle: "7", Codename: "wheezy", End: day(2018, 5, 31), RegularEnd: day(2016, 4, 25), Source: srcDebian},
	{Product: Debian, Cycle: "8", Codename: "jessie", End: day(2020, 6, 30), RegularEnd: day(2018, 6, 17), Source: srcDebian},
	{Product: Debian, Cycle: "9", Codename: "stretch", End: day(2022, 6, 30), RegularEnd: day(2020, 7, 18), Source: srcDebian},
	{Product: Debian, Cycle: "10", Codename: "buster", End: day(2024, 6, 30), RegularEnd: day(2022, 9, 10), Source: srcDebian},
	{Product: Debian, Cycle: "11", Codename: "bullseye", End: day(2026, 8, 31), RegularEnd: day(2024, 8, 14), Source: srcDebian},
	{Product: Debian, Cycle: "12", Codename: "bookworm", End: day(2028, 6, 30), RegularEnd: day(2026, 7, 11), Source: srcDebian},
	{Product: Debian, Cycle: "13", Codename: "trixie", End: day(2030, 6, 30), RegularEnd: day(2028, 8, 9), Source: srcDebian},

	// Ubuntu: End is the end of standard support.
	{Product: Ubuntu, Cycle: "12.04", Codename: "precise", End: day(2017, 4, 28), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "12.10", Codename: "quantal", End: day(2014, 5, 16), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "13.04", Codename: "raring", End: day(2014, 1, 27), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "13.10", Codename: "saucy", End: day(2014, 7, 17), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "14.04", Codename: "trusty", End: day(2019, 4, 25), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "14.10", Codename: "utopic", End: day(2015, 7, 23), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "15.04", Codename: "vivid", End: day(2016, 2, 4), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "15.10", Codename: "wily", End: day(2016, 7, 28), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "16.04", Codename: "xenial", End: day(2021, 4, 30), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "16.10", Codename: "yakkety", End: day(2017, 7, 20), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "17.04", Codename: "zesty", End: day(2018, 1, 13), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "17.10", Codename: "artful", End: day(2018, 7, 19), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "18.04", Codename: "bionic", End: day(2023, 5, 31), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "18.10", Codename: "cosmic", End: day(2019, 7, 18), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "19.04", Codename: "disco", End: day(2020, 1, 23), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "19.10", Codename: "eoan", End: day(2020, 7, 17), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "20.04", Codename: "focal", End: day(2025, 5, 29), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "20.10", Codename: "groovy", End: day(2021, 7, 22), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "21.04", Codename: "hirsute", End: day(2022, 1, 20), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "21.10", Codename: "impish", End: day(2022, 7, 14), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "22.04", Codename: "jammy", End: day(2027, 6, 1), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "22.10", Codename: "kinetic", End: day(2023, 7, 20), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "23.04", Codename: "lunar", End: day(2024, 1, 25), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "23.10", Codename: "mantic", End: day(2024, 7, 11), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "24.04", Codename: "noble", End: day(2029, 5, 31), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "24.10", Codename: "oracular", End: day(2025, 7, 10), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "25.04", Codename: "plucky", End: day(2026, 1, 15), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "25.10", Codename: "questing", End: day(2026, 7, 9), Source: srcUbuntu},
	{Product: Ubuntu, Cycle: "26.04", Codename: "resolute", End: day(2031, 5, 29), Source: srcUbuntu},

	// Alpine: the main repository's end of support.
	{Product: Alpine, Cycle: "3.0", End: day(2016, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.1", End: day(2016, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.2", End: day(2017, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.3", End: day(2017, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.4", End: day(2018, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.5", End: day(2018, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.6", End: day(2019, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.7", End: day(2019, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.8", End: day(2020, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.9", End: day(2020, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.10", End: day(2021, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.11", End: day(2021, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.12", End: day(2022, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.13", End: day(2022, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.14", End: day(2023, 5, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.15", End: day(2023, 11, 1), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.16", End: day(2024, 5, 23), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.17", End: day(2024, 11, 22), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.18", End: day(2025, 5, 9), Source: srcAlpine},
	{Product: Alpine, Cycle: "3.19", End: day(2025, 11, 1), Source: "https://alpinelinux.org/releases/, as quoted in endoflife-date/endoflife.date#4244"},
	{Product: Alpine, Cycle: "3.20", End: day(2026, 4, 1), Source: "https://alpinelinux.org/releases/, as quoted in rust-lang/docker-rust#271 and endoflife-date/endoflife.date products/alpine-linux.md"},
	{Product: Alpine, Cycle: "3.21", End: day(2026, 11, 1), Source: "https://alpinelinux.org/releases/, as transcribed in endoflife-date/endoflife.date products/alpine-linux.md"},
	{Product: Alpine, Cycle: "3.22", End: day(2027, 5, 1), Source: "https://alpinelinux.org/releases/, as transcribed in endoflife-date/endoflife.date products/alpine-linux.md"},
	{Product: Alpine, Cycle: "3.23", End: day(2027, 11, 1), Source: "https://alpinelinux.org/releases/ (released 2025-12-03, https://alpinelinux.org/posts/Alpine-3.23.0-released.html), as transcribed in endoflife-date/endoflife.date products/alpine-linux.md from the page's \"End of support\" column"},

	// CentOS Linux and CentOS Stream.
	{Product: CentOS, Cycle: "6", End: day(2020, 11, 30), Source: "https://wiki.centos.org/About/Product (maintenance updates until November 2020; the last day of that month)"},
	{Product: CentOS, Cycle: "7", End: day(2024, 6, 30), Source: "https://blog.centos.org/2023/04/end-dates-are-coming-for-centos-stream-8-and-centos-linux-7/"},
	{Product: CentOS, Cycle: "8", End: day(2021, 12, 31), Source: "https://blog.centos.org/2020/12/future-is-centos-stream/"},
	{Product: CentOS, Cycle: "stream8", End: day(2024, 5, 31), Source: "https://blog.centos.org/2023/04/end-dates-are-coming-for-centos-stream-8-and-centos-linux-7/"},

	// Python (CPython).
	{Product: Python, Cycle: "2.7", End: day(2020, 1, 1), Source: srcPython},
	{Product: Python, Cycle: "3.3", End: day(2017, 9, 29), Source: srcPython},
	{Product: Python, Cycle: "3.4", End: day(2019, 3, 18), Source: srcPython},
	{Product: Python, Cycle: "3.5", End: day(2020, 9, 30), Source: srcPython},
	{Product: Python, Cycle: "3.6", End: day(2021, 12, 23), Source: srcPython},
	{Product: Python, Cycle: "3.7", End: day(2023, 6, 27), Source: srcPython},
	{Product: Python, Cycle: "3.8", End: day(2024, 10, 7), Source: srcPython},
	{Product: Python, Cycle: "3.9", End: day(2025, 10, 31), Source: srcPython},
	{Product: Python, Cycle: "3.10", End: day(2026, 10, 31), Source: srcPython + "; the schedule gives the month (2026-10), read as its last day"},
	{Product: Python, Cycle: "3.11", End: day(2027, 10, 31), Source: srcPython + "; the schedule gives the month (2027-10), read as its last day"},
	{Product: Python, Cycle: "3.12", End: day(2028, 10, 31), Source: srcPython + "; the schedule gives the month (2028-10), read as its last day"},
	{Product: Python, Cycle: "3.13", End: day(2029, 10, 31), Source: srcPython + "; the schedule gives the month (2029-10), read as its last day"},
	{Product: Python, Cycle: "3.14", End: day(2030, 10, 31), Source: srcPython + "; the schedule gives the month (2030-10), read as its last day"},
	{Product: Python, Cycle: "3.15", End: day(2031, 10, 31), Source: "https://peps.python.org/api/release-cycle.json (PEP 790; first release 2026-10-01); the schedule gives the month (2031-10), read as its last day"},

	// Node.js; the codenames are the LTS lines' names in schedule.json.
	{Product: Node, Cycle: "0.10", End: day(2016, 10, 31), Source: srcNode},
	{Product: Node, Cycle: "0.12", End: day(2016, 12, 31), Source: srcNode},
	{Product: Node, Cycle: "4", Codename: "argon", End: day(2018, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "5", End: day(2016, 6, 30), Source: srcNode},
	{Product: Node, Cycle: "6", Codename: "boron", End: day(2019, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "7", End: day(2017, 6, 30), Source: srcNode},
	{Product: Node, Cycle: "8", Codename: "carbon", End: day(2019, 12, 31), Source: srcNode},
	{Product: Node, Cycle: "9", End: day(2018, 6, 30), Source: srcNode},
	{Product: Node, Cycle: "10", Codename: "dubnium", End: day(2021, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "11", End: day(2019, 6, 1), Source: srcNode},
	{Product: Node, Cycle: "12", Codename: "erbium", End: day(2022, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "13", End: day(2020, 6, 1), Source: srcNode},
	{Product: Node, Cycle: "14", Codename: "fermium", End: day(2023, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "15", End: day(2021, 6, 1), Source: srcNode},
	{Product: Node, Cycle: "16", Codename: "gallium", End: day(2023, 9, 11), Source: srcNode + " (moved forward to OpenSSL 1.1.1's end, nodejs/node 3f89dca)"},
	{Product: Node, Cycle: "17", End: day(2022, 6, 1), Source: srcNode + " (nodejs/docker-node#1733)"},
	{Product: Node, Cycle: "18", Codename: "hydrogen", End: day(2025, 4, 30), Source: srcNode + " (nodejs/Release a7fe150, nodejs/docker-node#2241)"},
	{Product: Node, Cycle: "19", End: day(2023, 6, 1), Source: srcNode + " (nodejs/Release a7fe150)"},
	{Product: Node, Cycle: "20", Codename: "iron", End: day(2026, 4, 30), Source: srcNode + " (nodejs/Release a7fe150, nodejs/docker-node#2477)"},
	{Product: Node, Cycle: "21", End: day(2024, 6, 1), Source: srcNode + " (nodejs/docker-node#2100)"},
	{Product: Node, Cycle: "22", Codename: "jod", End: day(2027, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "23", End: day(2025, 6, 1), Source: srcNode + " (nodejs/docker-node#2247)"},
	{Product: Node, Cycle: "24", Codename: "krypton", End: day(2028, 4, 30), Source: srcNode},
	{Product: Node, Cycle: "25", End: day(2026, 6, 1), Source: srcNode + " (nodejs/docker-node#2522)"},
	{Product: Node, Cycle: "26", Codename: "lithium", End: day(2029, 4, 30), Source: srcNode + " (nodejs/Release README at c3e8696: initial release 2026-05-05, end-of-life 2029-04-30)"},

	// Ruby.
	{Product: Ruby, Cycle: "2.2", End: day(2018, 3, 31), Source: srcRuby},
	{Product: Ruby, Cycle: "2.3", End: day(2019, 3, 31), Source: srcRuby},
	{Product: Ruby, Cycle: "2.4", End: day(2020, 3, 31), Source: srcRuby},
	{Product: Ruby, Cycle: "2.5", End: day(2021, 4, 5), Source: srcRuby},
	{Product: Ruby, Cycle: "2.6", End: day(2022, 4, 12), Source: srcRuby},
	{Product: Ruby, Cycle: "2.7", End: day(2023, 3, 31), Source: srcRuby},
	{Product: Ruby, Cycle: "3.0", End: day(2024, 4, 23), Source: srcRuby},
	{Product: Ruby, Cycle: "3.1", End: day(2025, 3, 26), Source: srcRuby},
	{Product: Ruby, Cycle: "3.2", End: day(2026, 4, 1), Source: srcRuby},
	{Product: Ruby, Cycle: "3.3", End: day(2027, 3, 31), Source: srcRuby + " (expected_eol_date; ruby/www.ruby-lang.org 23c21e8), and the branch maintainer's announcement of March 2026 that 3.3 gets security fixes only, until March 2027"},

	// PHP.
	{Product: PHP, Cycle: "5.3", End: day(2014, 8, 14), Source: srcPHP},
	{Product: PHP, Cycle: "5.4", End: day(2015, 9, 3), Source: srcPHP},
	{Product: PHP, Cycle: "5.5", End: day(2016, 7, 21), Source: srcPHP},
	{Product: PHP, Cycle: "5.6", End: day(2018, 12, 31), Source: srcPHP},
	{Product: PHP, Cycle: "7.0", End: day(2019, 1, 10), Source: srcPHP},
	{Product: PHP, Cycle: "7.1", End: day(2019, 12, 1), Source: srcPHP},
	{Product: PHP, Cycle: "7.2", End: day(2020, 11, 30), Source: srcPHP},
	{Product: PHP, Cycle: "7.3", End: day(2021, 12, 6), Source: srcPHP},
	{Product: PHP, Cycle: "7.4", End: day(2022, 11, 28), Source: srcPHP},
	{Product: PHP, Cycle: "8.0", End: day(2023, 11, 26), Source: srcPHP},
	{Product: PHP, Cycle: "8.1", End: day(2025, 12, 31), Source: srcPHP},
	{Product: PHP, Cycle: "8.2", End: day(2026, 12, 31), Source: srcPHP + " (https://www.php.net/supported-versions.php; php/php-src release notes of 8.2.27)"},
	{Product: PHP, Cycle: "8.3", End: day(2027, 12, 31), Source: "https://www.php.net/supported-versions.php"},
	{Product: PHP, Cycle: "8.4", End: day(2028, 12, 31), Source: "https://www.php.net/supported-versions.php"},
	{Product: PHP, Cycle: "8.5", End: day(2029, 12, 31), Source: "https://www.php.net/supported-versions.php: two years of active support and two of security fixes, to 31 December; 8.5.0 was released in November 2025 (its release manager's notes, scherzer.dev)"},

	// Go: the release days are go.dev/doc/devel/release's.
	{Product: Go, Cycle: "1.16", End: day(2022, 3, 15), Source: srcGo + " (go1.18, 2022-03-15)"},
	{Product: Go, Cycle: "1.17", End: day(2022, 8, 2), Source: srcGo + " (go1.19, 2022-08-02)"},
	{Product: Go, Cycle: "1.18", End: day(2023, 2, 1), Source: srcGo + " (go1.20, 2023-02-01)"},
	{Product: Go, Cycle: "1.19", End: day(2023, 8, 8), Source: srcGo + " (go1.21.0, 2023-08-08)"},
	{Product: Go, Cycle: "1.20", End: day(2024, 2, 6), Source: srcGo + " (go1.22.0, 2024-02-06)"},
	{Product: Go, Cycle: "1.21", End: day(2024, 8, 13), Source: srcGo + " (go1.23.0, 2024-08-13)"},
	{Product: Go, Cycle: "1.22", End: day(2025, 2, 11), Source: srcGo + " (go1.24.0, 2025-02-11)"},
	{Product: Go, Cycle: "1.23", End: day(2025, 8, 12), Source: srcGo + " (go1.25.0, 2025-08-12)"},
	{Product: Go, Cycle: "1.24", End: day(2026, 2, 10), Source: srcGo + " (go1.26.0, 2026-02-10)"},
	{Product: Go, Cycle: "1.25", End: day(2026, 8, 19), Source: srcGo + " (go1.27.0, 2026-08-19: the golang/go tag and pkg.go.dev's std versions)"},
}
