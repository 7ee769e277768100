# want: DKS1020 "FROM --platform flag should not use constant value \"linux/amd64\""
FROM --platform=linux/amd64 alpine:3.20
# want: DKS1020 "constant value \"linux\""
FROM --platform=linux debian:12 AS tools
