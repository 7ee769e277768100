# want: DKS1012 "reserved stage \"scratch\""
FROM alpine:3.20 AS scratch
# want: DKS1012 "reserved stage \"context\""
FROM alpine:3.20 AS context
