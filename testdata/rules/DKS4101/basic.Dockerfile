FROM golang:1.23 AS build
USER builder
FROM debian:12
# want: DKS4101 "USER app is not numeric"
USER app
# want: DKS4101 "foobar:barfoo"
USER foobar:barfoo
# want: DKS4101 "1000:staff"
USER 1000:staff
