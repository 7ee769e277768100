# want: DKS1002 "'as' and 'FROM'"
FROM golang:1.23 as build
# want: DKS1002 "'AS' and 'from'"
from alpine:3.20 AS final
