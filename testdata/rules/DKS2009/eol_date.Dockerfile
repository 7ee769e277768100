# settings: {"EOLDate": "2027-07-01T00:00:00Z"}
# --eol-date 2027-07-01: Ubuntu 22.04's standard support ended 2027-06-01.
# want: DKS2009 warning "ubuntu:22\.04 is past its end of support as of 2027-07-01: Ubuntu 22\.04 \(jammy\) left standard support on 2027-06-01 .*such as Ubuntu 26\.04 \(resolute\)"
FROM ubuntu:22.04
